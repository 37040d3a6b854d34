package com.atsplatform.communications.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/** Small conversions the stores share when they read what a statement returned. */
public final class Rows {

    private Rows() {
    }

    public static Optional<Row> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }

    /** A column's time as an instant; null stays null. */
    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** An instant as a parameter for a {@code timestamptz} column. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
