package com.atsplatform.communications.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;
import org.jboss.logging.Logger;
import org.postgresql.ds.PGSimpleDataSource;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * Brings the schema to the latest migration of {@code db/migration} (Flyway, run as a library over
 * one JDBC connection to the configured database). It runs before anything else at start-up when
 * {@code database.migrate-at-start} is true (the default: dev mode, the tests, a plain
 * {@code java -jar}); in Kubernetes the migration Job runs it once with
 * {@code database.migrate-and-exit} and the pods start with it off, so none of Flyway, JDBC or a
 * connection pool for them is loaded where the service serves.
 * <p>
 * Migrations are listed in {@code db/migration/index} (the native executable cannot scan a
 * folder); a test checks the list against the folder.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);
    static final String FOLDER = "db/migration/";
    static final String INDEX = FOLDER + "index";

    @ConfigProperty(name = "database.migrate-at-start", defaultValue = "true")
    boolean migrateAtStart;

    @ConfigProperty(name = "database.migrate-and-exit", defaultValue = "false")
    boolean migrateAndExit;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        if (!migrateAtStart && !migrateAndExit) {
            return;
        }
        MigrateResult result = migrate(DatabaseAddress.of(url, user, password));
        LOG.infof("Schema at version %s (%d migrations applied now)", result.targetSchemaVersion != null ? result.targetSchemaVersion
                : result.initialSchemaVersion, result.migrationsExecuted);
        if (migrateAndExit) {
            Quarkus.asyncExit(0);
        }
    }

    static MigrateResult migrate(DatabaseAddress database) {
        // The driver's own DataSource, made here: nothing found by reflection (the native image).
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(database.options().getUser());
        dataSource.setPassword(database.options().getPassword());
        return Flyway.configure()
                .dataSource(dataSource)
                .resourceProvider(new IndexedMigrations(migrationNames()))
                .load()
                .migrate();
    }

    /** The file names in {@code db/migration/index}, in order. */
    static List<String> migrationNames() {
        try (InputStream in = SchemaMigration.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException(INDEX + " is missing");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flyway's view of the migrations: the listed files, read from the class path. */
    private record IndexedMigrations(List<LoadableResource> resources) implements ResourceProvider {

        IndexedMigrations(Collection<String> names) {
            this(names.stream().<LoadableResource> map(name -> new ClassPathResource(null, FOLDER + name,
                    SchemaMigration.class.getClassLoader(), StandardCharsets.UTF_8)).toList());
        }

        @Override
        public LoadableResource getResource(String name) {
            return resources.stream().filter(resource -> resource.getRelativePath().equals(name)).findFirst().orElse(null);
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return resources.stream().filter(resource -> resource.getFilename().startsWith(prefix)
                    && Arrays.stream(suffixes).anyMatch(resource.getFilename()::endsWith)).toList();
        }
    }
}
