package com.atsplatform.communications.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Query parameters that are enums take the lower-case names of the contract ({@code status=not_interested});
 * an unknown value is a 400 problem naming the parameter and the accepted values, not JAX-RS' 404.
 */
@Provider
public class EnumParamConverterProvider implements ParamConverterProvider {

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (!rawType.isEnum()) {
            return null;
        }
        String parameter = QueryParameter.name(annotations).orElse("parameter");
        return new WireNameConverter(rawType, parameter);
    }

    private record WireNameConverter<E extends Enum<E>>(Class<E> type, String parameter) implements ParamConverter<E> {

        @Override
        public E fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value.strip())) {
                    return constant;
                }
            }
            String accepted = Arrays.stream(type.getEnumConstants()).map(this::toString).collect(Collectors.joining(", "));
            throw QueryParameter.invalid(parameter, "must be one of " + accepted);
        }

        @Override
        public String toString(E value) {
            return WireName.of(value);
        }
    }
}
