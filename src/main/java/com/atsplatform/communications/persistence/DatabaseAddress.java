package com.atsplatform.communications.persistence;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/**
 * The database as configured for the pool ({@code quarkus.datasource.reactive.url}, username,
 * password), for the connections that are not the pool's: the events' LISTEN connection and the
 * schema migration's JDBC connection. One URL to configure, read the same way everywhere: the
 * configured one is a bean ({@link Configured}).
 */
public record DatabaseAddress(PgConnectOptions options) {

    /** Makes the configured address a bean, for whoever connects besides the pool. */
    @Singleton
    static class Configured {

        @Produces
        @Singleton
        DatabaseAddress configured(@ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
            return of(url, user, password);
        }
    }

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
