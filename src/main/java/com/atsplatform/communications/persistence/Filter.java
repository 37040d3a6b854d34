package com.atsplatform.communications.persistence;

import java.util.ArrayList;
import java.util.List;

import com.atsplatform.communications.api.WireName;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The conditions of a list's filters as SQL: each one only when its value is given (a null filter
 * is left out), with positional parameters. Column names are the table's.
 */
public final class Filter {

    private final StringBuilder where = new StringBuilder("true");
    private final List<Object> values = new ArrayList<>();

    /** {@code column = value}, when the value is given; an enum is compared by its wire name. */
    public Filter equal(String column, Object value) {
        return when(column + " = ?", value);
    }

    /** A condition with one {@code ?} for the value, e.g. {@code created_at >= ?}, when the value is given. */
    public Filter when(String condition, Object value) {
        if (value != null) {
            values.add(value instanceof Enum<?> constant ? WireName.of(constant) : value);
            where.append(" and ").append(condition.replace("?", "$" + values.size()));
        }
        return this;
    }

    /** The conditions, to follow {@code where}. */
    public String where() {
        return where.toString();
    }

    /** Its values, then {@code more} (parameters numbered after the conditions'). */
    public Tuple values(Object... more) {
        Tuple tuple = Tuple.tuple();
        values.forEach(tuple::addValue);
        for (Object value : more) {
            tuple.addValue(value);
        }
        return tuple;
    }

    /** The next free parameter number. */
    public int next() {
        return values.size() + 1;
    }
}
