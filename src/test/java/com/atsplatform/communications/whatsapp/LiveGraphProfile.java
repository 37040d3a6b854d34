package com.atsplatform.communications.whatsapp;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Live mode against the Graph stand-in, with fault-tolerance and outbox delays shrunk so tests stay fast. */
public class LiveGraphProfile implements QuarkusTestProfile {

    static final String PHONE_NUMBER_ID = "PHONE_NUMBER_ID";
    static final String BUSINESS_ACCOUNT_ID = "WABA_ID";
    public static final String ACCESS_TOKEN = "test-access-token";
    /** Above the 10 MB file the media tests store, below the ones they refuse. */
    public static final String MEDIA_MAX_SIZE = "12MB";
    private static final String SEND = "com.atsplatform.communications.whatsapp.graph.GraphApi/send/";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("whatsapp.mock-mode", "false"),
                Map.entry("whatsapp.phone-number-id", PHONE_NUMBER_ID),
                Map.entry("whatsapp.business-account-id", BUSINESS_ACCOUNT_ID),
                Map.entry("whatsapp.access-token", ACCESS_TOKEN),
                Map.entry("whatsapp.app-secret", "test-app-secret"),
                Map.entry(SEND + "Timeout/value", "1000"),
                Map.entry(SEND + "Timeout/unit", "MILLIS"),
                Map.entry(SEND + "Retry/delay", "20"),
                Map.entry(SEND + "Retry/jitter", "10"),
                Map.entry(SEND + "CircuitBreaker/delay", "2"),
                Map.entry("whatsapp.outbox.backoff", "0.05s"),
                Map.entry("whatsapp.outbox.max-backoff", "1s"),
                Map.entry("whatsapp.outbox.unknown-outcome-delay", "0.1s"),
                Map.entry("whatsapp.media.backoff", "0.05s"),
                Map.entry("whatsapp.media.max-backoff", "0.2s"),
                Map.entry("whatsapp.media.max-attempts", "3"),
                Map.entry("whatsapp.media.max-size", MEDIA_MAX_SIZE));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GraphStandIn.class));
    }
}
