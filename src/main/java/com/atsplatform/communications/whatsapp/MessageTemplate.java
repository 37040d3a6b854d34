package com.atsplatform.communications.whatsapp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A message template of the WhatsApp Business Account, as the service uses it.
 *
 * @param parameterCount    how many body parameters a send must give
 * @param quickReplyButtons the texts of its quick-reply buttons, in order
 * @param body              the body text with its {@code {{…}}} placeholders, when known
 */
@RegisterForReflection
public record MessageTemplate(String name, String language, String status, String category, int parameterCount,
        String parameterFormat, List<String> quickReplyButtons, String body) {

    /** {@code {{1}}} (positional) or {@code {{first_name}}} (named). */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    public MessageTemplate {
        quickReplyButtons = quickReplyButtons == null ? List.of() : List.copyOf(quickReplyButtons);
    }

    /**
     * A template as a send asked for it, not checked against the business account (the cache could
     * not be loaded, or no longer lists it): Meta checks it when the message is sent.
     */
    public static MessageTemplate unverified(String name, String language, int parameterCount) {
        return new MessageTemplate(name, language, "APPROVED", null, parameterCount, "POSITIONAL", List.of(), null);
    }

    public boolean approved() {
        return "APPROVED".equalsIgnoreCase(status);
    }

    /**
     * The body as the candidate reads it: {@code {{n}}} replaced by the n-th parameter, named
     * placeholders by the parameters in order of first appearance.
     */
    public String render(List<String> parameters) {
        if (body == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(body);
        Map<String, String> values = new HashMap<>();
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            int index = name.chars().allMatch(Character::isDigit) ? Integer.parseInt(name) - 1 : values.size();
            if (!values.containsKey(name) && index >= 0 && index < parameters.size()) {
                values.put(name, parameters.get(index));
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(values.getOrDefault(name, matcher.group())));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }
}
