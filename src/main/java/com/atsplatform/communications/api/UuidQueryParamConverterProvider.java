package com.atsplatform.communications.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * An id in a query parameter ({@code campaign_id=…}) that is no UUID is a 400 problem naming the
 * parameter, not JAX-RS' 404 (a malformed id in the path stays a 404: no resource is there).
 */
@Provider
public class UuidQueryParamConverterProvider implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != UUID.class) {
            return null;
        }
        return QueryParameter.name(annotations).map(parameter -> (ParamConverter<T>) new UuidConverter(parameter)).orElse(null);
    }

    private record UuidConverter(String parameter) implements ParamConverter<UUID> {

        @Override
        public UUID fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return UUID.fromString(value.strip());
            } catch (IllegalArgumentException e) {
                throw QueryParameter.invalid(parameter, "must be a UUID");
            }
        }

        @Override
        public String toString(UUID value) {
            return value.toString();
        }
    }
}
