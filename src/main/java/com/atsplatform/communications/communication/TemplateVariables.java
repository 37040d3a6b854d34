package com.atsplatform.communications.communication;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The template a message was sent with: its language and its parameters by component
 * ({@code body} holds the body parameters in order). Stored as a JSON object, not a bare array: Hibernate Reactive binds
 * JSON columns through Vert.x {@code JsonObject} and cannot write a top-level array
 * (hibernate/hibernate-reactive#4156).
 */
@RegisterForReflection
public record TemplateVariables(String language, List<String> body) {

    public TemplateVariables {
        body = body == null ? List.of() : List.copyOf(body);
    }
}
