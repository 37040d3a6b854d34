package com.atsplatform.communications.whatsapp;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A message template of the WhatsApp Business Account, as the service uses it.
 *
 * @param parameterCount    how many body parameters a send must give
 * @param quickReplyButtons the texts of its quick-reply buttons, in order
 */
@RegisterForReflection
public record MessageTemplate(String name, String language, String status, String category, int parameterCount,
        String parameterFormat, List<String> quickReplyButtons) {

    public MessageTemplate {
        quickReplyButtons = quickReplyButtons == null ? List.of() : List.copyOf(quickReplyButtons);
    }

    public boolean approved() {
        return "APPROVED".equalsIgnoreCase(status);
    }
}
