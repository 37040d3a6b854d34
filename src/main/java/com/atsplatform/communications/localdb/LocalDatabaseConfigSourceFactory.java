package com.atsplatform.communications.localdb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Gives dev mode and the tests a real PostgreSQL when no datasource URL is configured, so that
 * {@code ./mvnw quarkus:dev} and {@code ./mvnw verify} work on a machine with only a JDK:
 * <ul>
 * <li>dev: an embedded PostgreSQL whose data is kept in {@code .local/postgres} between runs;</li>
 * <li>test: the PostgreSQL on 127.0.0.1:5432 when it answers (a fresh database for each run),
 * otherwise an embedded one in a temporary folder.</li>
 * </ul>
 * It has to be a config source: Quarkus reads the datasource settings before any bean starts.
 * In the prod profile, or with {@code QUARKUS_DATASOURCE_REACTIVE_URL} set, it does nothing.
 */
public class LocalDatabaseConfigSourceFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(LocalDatabaseConfigSourceFactory.class);

    /** Dev mode and tests rebuild their configuration several times, in several class loaders, in one JVM. */
    private static final String STARTED_URL_PROPERTY = "ats.local-db.started-jdbc-url";
    private static final String TEST_DATABASE = "ats_communications_test";
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean dev = profiles.contains("dev");
        boolean test = profiles.contains("test");
        if (!(dev || test) || configured(context.getValue("quarkus.datasource.reactive.url"))) {
            return List.of();
        }
        String jdbcUrl = System.getProperty(STARTED_URL_PROPERTY);
        if (jdbcUrl == null) {
            jdbcUrl = test ? testDatabase() : EmbeddedPostgres.start(Path.of(".local", "postgres"), true);
            System.setProperty(STARTED_URL_PROPERTY, jdbcUrl);
        }
        String reactiveUrl = jdbcUrl.substring("jdbc:".length());
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.reactive.url", reactiveUrl,
                "quarkus.datasource.username", "postgres"), "local-database", ORDINAL));
    }

    private static boolean configured(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String testDatabase() {
        if (answers("127.0.0.1", 5432)) {
            String server = "jdbc:postgresql://127.0.0.1:5432/";
            recreate(server, TEST_DATABASE);
            LOG.infof("Tests use the PostgreSQL on 127.0.0.1:5432, database %s", TEST_DATABASE);
            return server + TEST_DATABASE;
        }
        try {
            Path dataDirectory = Files.createTempDirectory("ats-test-postgres");
            LOG.info("No PostgreSQL on 127.0.0.1:5432: tests use an embedded one");
            return EmbeddedPostgres.start(dataDirectory, false);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a folder for the embedded PostgreSQL", e);
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void recreate(String serverUrl, String database) {
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        try (Connection connection = new org.postgresql.Driver().connect(serverUrl + "postgres", credentials);
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database on " + serverUrl, e);
        }
    }
}
