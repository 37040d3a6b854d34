package com.atsplatform.communications.persistence;

import jakarta.persistence.AttributeConverter;

import com.atsplatform.communications.api.WireName;

/**
 * Stores an enum as its lower-case name ({@code NOT_INTERESTED} as {@code not_interested}), the
 * form the CHECK constraints and the API use. Subclass once per enum with {@code @Converter(autoApply = true)}.
 */
public abstract class LowercaseEnumConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected LowercaseEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : WireName.of(value);
    }

    @Override
    public E convertToEntityAttribute(String column) {
        return column == null ? null : WireName.parse(type, column);
    }
}
