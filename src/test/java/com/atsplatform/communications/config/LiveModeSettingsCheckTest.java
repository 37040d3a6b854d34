package com.atsplatform.communications.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The mapping read from the environment variable names of PRODUCT.md. */
class LiveModeSettingsCheckTest {

    @Test
    void liveModeNamesEveryMissingVariable() {
        WhatsAppConfig config = configFrom(Map.of("WHATSAPP_MOCK_MODE", "false", "WHATSAPP_PHONE_NUMBER_ID", "123"));
        assertEquals(List.of("WHATSAPP_ACCESS_TOKEN", "WHATSAPP_APP_SECRET"), LiveModeSettingsCheck.missingLiveSettings(config));
    }

    @Test
    void mockModeNeedsNoSecrets() {
        WhatsAppConfig config = configFrom(Map.of("WHATSAPP_MOCK_MODE", "true"));
        assertEquals(List.of(), LiveModeSettingsCheck.missingLiveSettings(config));
    }

    @Test
    void disabledIntegrationNeedsNoSecrets() {
        WhatsAppConfig config = configFrom(Map.of("WHATSAPP_ENABLED", "false", "WHATSAPP_MOCK_MODE", "false"));
        assertEquals(List.of(), LiveModeSettingsCheck.missingLiveSettings(config));
    }

    @Test
    void everyVariableOfTheContractIsRead() {
        WhatsAppConfig config = configFrom(Map.ofEntries(
                Map.entry("WHATSAPP_ENABLED", "true"),
                Map.entry("WHATSAPP_MOCK_MODE", "false"),
                Map.entry("WHATSAPP_API_VERSION", "v23.0"),
                Map.entry("WHATSAPP_GRAPH_URL", "http://127.0.0.1:9999"),
                Map.entry("WHATSAPP_BUSINESS_ACCOUNT_ID", "waba-1"),
                Map.entry("WHATSAPP_PHONE_NUMBER_ID", "phone-1"),
                Map.entry("WHATSAPP_ACCESS_TOKEN", "token-1"),
                Map.entry("WHATSAPP_WEBHOOK_VERIFY_TOKEN", "verify-1"),
                Map.entry("WHATSAPP_APP_SECRET", "secret-1"),
                Map.entry("WHATSAPP_DEFAULT_REGION", "MX"),
                Map.entry("WHATSAPP_OUTBOX_INTERVAL", "3s"),
                Map.entry("WHATSAPP_OUTBOX_BACKOFF", "20s"),
                Map.entry("WHATSAPP_MAX_MESSAGES_PER_SECOND", "1000")));

        assertEquals(List.of(), LiveModeSettingsCheck.missingLiveSettings(config));
        assertEquals("v23.0", config.apiVersion());
        assertEquals("http://127.0.0.1:9999", config.graphUrl());
        assertEquals("waba-1", config.businessAccountId().orElseThrow());
        assertEquals("phone-1", config.phoneNumberId().orElseThrow());
        assertEquals("token-1", config.accessToken().orElseThrow());
        assertEquals("verify-1", config.webhookVerifyToken().orElseThrow());
        assertEquals("secret-1", config.appSecret().orElseThrow());
        assertEquals("MX", config.defaultRegion());
        assertEquals(Duration.ofSeconds(3), config.outbox().interval());
        assertEquals(Duration.ofSeconds(20), config.outbox().backoff());
        assertEquals(1000, config.maxMessagesPerSecond());
    }

    @Test
    void defaultsMatchTheContract() {
        WhatsAppConfig config = configFrom(Map.of());
        assertEquals("https://graph.facebook.com", config.graphUrl());
        assertEquals("CO", config.defaultRegion());
        assertEquals(80, config.maxMessagesPerSecond());
    }

    /** Environment-variable names resolved the way SmallRye resolves the real environment. */
    private static WhatsAppConfig configFrom(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withMapping(WhatsAppConfig.class)
                .build();
        return config.getConfigMapping(WhatsAppConfig.class);
    }
}
