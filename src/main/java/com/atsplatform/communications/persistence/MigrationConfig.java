package com.atsplatform.communications.persistence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When the schema is migrated: {@code DATABASE_MIGRATE_AT_START}, {@code DATABASE_MIGRATE_AND_EXIT}. */
@ConfigMapping(prefix = "database")
public interface MigrationConfig {

    /** Migrate before anything else starts (dev, tests, a plain {@code java -jar}); the pods turn it off. */
    @WithDefault("true")
    boolean migrateAtStart();

    /** Migrate, then exit 0: the migration Job. */
    @WithDefault("false")
    boolean migrateAndExit();
}
