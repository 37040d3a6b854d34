package com.atsplatform.communications.persistence;

import java.util.Locale;
import java.util.Optional;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/**
 * The database as configured for the pool ({@code quarkus.datasource.reactive.url}, username,
 * password), for the connections that are not the pool's: the events' LISTEN connection and the
 * schema migration's JDBC connection. One URL to configure, read the same way everywhere.
 */
public record DatabaseAddress(PgConnectOptions options) {

    private static final String VERTX_PREFIX = "vertx-reactive:";

    public static DatabaseAddress of(String reactiveUrl, Optional<String> user, Optional<String> password) {
        PgConnectOptions options = PgConnectOptions
                .fromUri(reactiveUrl.startsWith(VERTX_PREFIX) ? reactiveUrl.substring(VERTX_PREFIX.length()) : reactiveUrl);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return new DatabaseAddress(options);
    }

    /** The same database as a JDBC URL (host, port, database and TLS mode; credentials apart). */
    public String jdbcUrl() {
        String host = options.getHost().contains(":") ? "[" + options.getHost() + "]" : options.getHost();
        String url = "jdbc:postgresql://" + host + ":" + options.getPort() + "/" + options.getDatabase();
        SslMode ssl = options.getSslMode();
        return ssl == null || ssl == SslMode.DISABLE ? url : url + "?sslmode=" + ssl.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
