package com.atsplatform.communications.persistence;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;
import org.postgresql.ds.PGSimpleDataSource;

import io.quarkus.arc.properties.IfBuildProperty;
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
 * Not in the native executable (Flyway as a plain library does not build into one: its class-path
 * scanners reach optional libraries): native deployments run the migration Job with the JVM image,
 * and {@link NativeSchemaMigration} says so if the native executable is asked to migrate.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.native.enabled", stringValue = "false", enableIfMissing = true)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    @Inject
    MigrationConfig config;

    @Inject
    DatabaseAddress database;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        if (!config.migrateAtStart() && !config.migrateAndExit()) {
            return;
        }
        MigrateResult result = migrate(database);
        LOG.infof("Schema at version %s (%d migrations applied now)", result.targetSchemaVersion != null ? result.targetSchemaVersion
                : result.initialSchemaVersion, result.migrationsExecuted);
        if (config.migrateAndExit()) {
            Quarkus.asyncExit(0);
        }
    }

    /** Migrates {@code database} now (also what the tests use to prepare a database for a packaged service). */
    public static MigrateResult migrate(DatabaseAddress database) {
        // The driver's own DataSource: no driver looked up by name.
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(database.options().getUser());
        dataSource.setPassword(database.options().getPassword());
        return Flyway.configure()
                .dataSource(dataSource)
                .load()
                .migrate();
    }
}
