package com.atsplatform.communications.communication;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The template a message was sent with: its language and its parameters by component
 * ({@code body} holds the body parameters in order), stored as a JSON object.
 */
@RegisterForReflection
public record TemplateVariables(String language, List<String> body) {

    public TemplateVariables {
        body = body == null ? List.of() : List.copyOf(body);
    }
}
