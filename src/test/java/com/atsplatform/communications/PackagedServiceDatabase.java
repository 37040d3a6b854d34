package com.atsplatform.communications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

import com.atsplatform.communications.persistence.DatabaseAddress;
import com.atsplatform.communications.persistence.SchemaMigration;
import com.atsplatform.communications.sending.ServiceProcesses;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the packaged service needs in the prod profile, as a deployment would give it: a fresh
 * database migrated beforehand, as the migration Job does (the native executable does not migrate;
 * the pods start with {@code database.migrate-at-start=false}), the OIDC key that verifies the
 * tests' tokens, mock mode, and the webhook's secrets.
 */
public class PackagedServiceDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String APP_SECRET = "packaged-it-app-secret";

    @Override
    public Map<String, String> start() {
        try {
            String jdbc = ServiceProcesses.freshDatabase("ats_communications_packaged_it");
            String url = jdbc.substring("jdbc:".length());
            SchemaMigration.migrate(DatabaseAddress.of(url, Optional.of("postgres"), Optional.of("unused")));
            return Map.of("quarkus.datasource.reactive.url", url, "database.migrate-at-start", "false",
                    "quarkus.datasource.username", "postgres", "quarkus.datasource.password", "unused",
                    "quarkus.oidc.public-key", ServiceProcesses.localPublicKey(), "quarkus.oidc.token.issuer", "https://ats.local/issuer",
                    "whatsapp.mock-mode", "true", "whatsapp.mock.simulate-statuses", "false",
                    "whatsapp.app-secret", APP_SECRET, "whatsapp.webhook-verify-token", "packaged-it-verify-token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
