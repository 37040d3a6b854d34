package com.atsplatform.communications.persistence;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * The native executable's stand-in for {@link SchemaMigration}, which it does not carry: asked to
 * migrate and exit (the migration Job), it fails with the way out; asked to migrate at start-up, it
 * says once that the schema is the migration Job's (run with the JVM image) and starts.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.native.enabled", stringValue = "true")
public class NativeSchemaMigration {

    private static final Logger LOG = Logger.getLogger(NativeSchemaMigration.class);

    @Inject
    MigrationConfig config;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        if (config.migrateAndExit()) {
            LOG.error("The native executable does not migrate the schema: run the migration Job with the JVM image "
                    + "(deployment/kubernetes/migration.yaml, docs/deployment.md)");
            Quarkus.asyncExit(1);
        } else if (config.migrateAtStart()) {
            LOG.info("The native executable does not migrate the schema (DATABASE_MIGRATE_AT_START is ignored): "
                    + "the migration Job runs with the JVM image");
        }
    }
}
