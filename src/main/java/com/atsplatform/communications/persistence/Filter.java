package com.atsplatform.communications.persistence;

import io.quarkus.panache.common.Parameters;

/**
 * The conditions of a list's filters, for a Panache query: each one only when its value is given
 * (a null filter is left out). Field names are the entity's.
 */
public final class Filter {

    private final StringBuilder query = new StringBuilder("1 = 1");
    private final Parameters parameters = new Parameters();

    /** {@code field = value}, when the value is given. */
    public Filter equal(String field, Object value) {
        return when(field + " = :" + field, field, value);
    }

    /** A condition that uses the named parameter once, e.g. {@code createdAt >= :since}, when the value is given. */
    public Filter when(String condition, String parameter, Object value) {
        if (value != null) {
            query.append(" and ").append(condition);
            parameters.and(parameter, value);
        }
        return this;
    }

    public String query() {
        return query.toString();
    }

    public Parameters parameters() {
        return parameters;
    }
}
