package com.atsplatform.communications.persistence;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

/**
 * Stores an enum as its lower-case name ({@code NOT_INTERESTED} as {@code not_interested}), the
 * form the CHECK constraints and the API use. Subclass once per enum with {@code @Converter(autoApply = true)}.
 */
public abstract class LowercaseEnumConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected LowercaseEnumConverter(Class<E> type) {
        this.type = type;
    }

    /** The form an enum value has in the database, the API and the contract: {@code not_interested}. */
    public static String wireName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : wireName(value);
    }

    @Override
    public E convertToEntityAttribute(String column) {
        return column == null ? null : Enum.valueOf(type, column.toUpperCase(Locale.ROOT));
    }
}
