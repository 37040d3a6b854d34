package com.atsplatform.communications.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

/**
 * Stops start-up in live mode when a setting without which no message can be sent or no webhook
 * trusted is missing, naming the environment variables to set.
 */
@Singleton
class LiveModeSettingsCheck {

    void onStart(@Observes StartupEvent event, WhatsAppConfig config) {
        List<String> missing = missingLiveSettings(config);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("WhatsApp live mode (WHATSAPP_ENABLED=true, WHATSAPP_MOCK_MODE=false) needs "
                    + String.join(", ", missing) + "; set them or turn on WHATSAPP_MOCK_MODE");
        }
    }

    static List<String> missingLiveSettings(WhatsAppConfig config) {
        List<String> missing = new ArrayList<>();
        if (!config.live()) {
            return missing;
        }
        requireText(config.accessToken(), "WHATSAPP_ACCESS_TOKEN", missing);
        requireText(config.phoneNumberId(), "WHATSAPP_PHONE_NUMBER_ID", missing);
        requireText(config.appSecret(), "WHATSAPP_APP_SECRET", missing);
        return missing;
    }

    private static void requireText(Optional<String> value, String variable, List<String> missing) {
        if (value.filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(variable);
        }
    }
}
