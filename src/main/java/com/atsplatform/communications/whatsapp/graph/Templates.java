package com.atsplatform.communications.whatsapp.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

import com.atsplatform.communications.whatsapp.MessageTemplate;

/** Reads what the service needs out of a Graph API template: body parameter count and quick-reply buttons. */
public final class Templates {

    private Templates() {
    }

    public static MessageTemplate from(GraphPayloads.Template template) {
        int parameters = 0;
        String body = null;
        List<String> quickReplies = new ArrayList<>();
        if (template.components() != null) {
            for (GraphPayloads.TemplateComponent component : template.components()) {
                if ("BODY".equalsIgnoreCase(component.type())) {
                    parameters = distinctPlaceholders(component.text());
                    body = component.text();
                } else if ("BUTTONS".equalsIgnoreCase(component.type()) && component.buttons() != null) {
                    component.buttons().stream().filter(b -> "QUICK_REPLY".equalsIgnoreCase(b.type()))
                            .forEach(b -> quickReplies.add(b.text()));
                }
            }
        }
        return new MessageTemplate(template.name(), template.language(), template.status(), template.category(), parameters,
                template.parameterFormat() == null ? "POSITIONAL" : template.parameterFormat(), quickReplies, body);
    }

    private static int distinctPlaceholders(String text) {
        if (text == null) {
            return 0;
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = MessageTemplate.PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names.size();
    }
}
