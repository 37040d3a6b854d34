package com.atsplatform.communications.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import com.atsplatform.communications.sending.ServiceProcesses;

/** The schema migration as the pods' Job and a plain start run it, on a real PostgreSQL. */
class SchemaMigrationTest {

    @Test
    void anEmptyDatabaseIsMigratedToTheLatestVersionAndASecondRunChangesNothing() throws Exception {
        String jdbc = ServiceProcesses.freshDatabase("ats_communications_migration_test");
        DatabaseAddress database = DatabaseAddress.of(jdbc.substring("jdbc:".length()), Optional.of("postgres"), Optional.of("unused"));

        MigrateResult first = SchemaMigration.migrate(database);
        MigrateResult second = SchemaMigration.migrate(database);

        int migrations;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            migrations = (int) files.filter(file -> file.toString().endsWith(".sql")).count();
        }
        assertThat(first.migrationsExecuted).isEqualTo(migrations);
        assertThat(second.migrationsExecuted).isZero();
        assertThat(first.targetSchemaVersion).isEqualTo(String.valueOf(migrations));
        try (Connection connection = DriverManager.getConnection(jdbc, credentials());
                ResultSet tables = connection.createStatement().executeQuery(
                        "select count(*) from information_schema.tables where table_name in ('communications', 'media_chunks', 'campaigns')")) {
            tables.next();
            assertThat(tables.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void theJdbcUrlNamesTheSameDatabaseAndTlsModeAsThePoolsUrl() {
        assertThat(DatabaseAddress.of("postgresql://db.internal:6543/ats", Optional.empty(), Optional.empty()).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.internal:6543/ats");
        assertThat(DatabaseAddress.of("vertx-reactive:postgresql://db.internal/ats?sslmode=verify-full", Optional.of("ats"), Optional.empty()).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.internal:5432/ats?sslmode=verify-full");
        DatabaseAddress withCredentials = DatabaseAddress.of("postgresql://u:p@db.internal/ats", Optional.of("ats"), Optional.of("secret"));
        assertThat(withCredentials.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/ats").doesNotContain("secret");
        assertThat(withCredentials.options().getUser()).isEqualTo("ats");
        assertThat(withCredentials.options().getPassword()).isEqualTo("secret");
    }

    private static Properties credentials() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        credentials.setProperty("password", "unused");
        return credentials;
    }
}
