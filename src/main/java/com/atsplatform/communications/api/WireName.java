package com.atsplatform.communications.api;

import java.util.Locale;

/**
 * The one form an enum value has outside Java: in JSON bodies, query parameters, problem members
 * and database columns, {@code NOT_INTERESTED} is {@code not_interested}.
 */
public final class WireName {

    private WireName() {
    }

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} with this wire name. */
    public static <E extends Enum<E>> E parse(Class<E> type, String wireName) {
        return Enum.valueOf(type, wireName.toUpperCase(Locale.ROOT));
    }
}
