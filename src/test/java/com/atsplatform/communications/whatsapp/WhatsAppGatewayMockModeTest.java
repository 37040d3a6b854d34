package com.atsplatform.communications.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Mock mode (the test profile's default): the mock gateway answers like the Graph API. */
@QuarkusTest
class WhatsAppGatewayMockModeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    WhatsAppGateway gateway;

    @Test
    void bundledTemplatesAreListedWithParameterCountsAndButtons() {
        List<MessageTemplate> templates = gateway.listTemplates().await().atMost(WAIT);

        MessageTemplate job = templates.stream().filter(t -> t.name().equals("job_opportunity") && t.language().equals("es"))
                .findFirst().orElseThrow();
        assertThat(job.approved()).isTrue();
        assertThat(job.parameterCount()).isEqualTo(3);
        assertThat(job.quickReplyButtons()).containsExactly("Sí, me interesa", "No, gracias", "Más información");
        MessageTemplate named = templates.stream().filter(t -> t.name().equals("application_follow_up")).findFirst().orElseThrow();
        assertThat(named.parameterFormat()).isEqualTo("NAMED");
        assertThat(named.parameterCount()).isEqualTo(1);
    }

    @Test
    void templateSendIsAcceptedWithAWamid() {
        SendOutcome outcome = gateway.sendTemplate(UUID.randomUUID(), "+573001234567", template("job_opportunity", "es"),
                List.of("Ana", "QA", "Acme"), List.of()).await().atMost(WAIT);

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(((SendOutcome.Accepted) outcome).whatsappMessageId()).startsWith("wamid.").hasSizeGreaterThan(30);
    }

    @Test
    void wrongParameterCountIsRejectedLikeMeta() {
        SendOutcome outcome = gateway.sendTemplate(UUID.randomUUID(), "+573001234567", template("job_opportunity", "es"),
                List.of("Ana"), List.of()).await().atMost(WAIT);

        MetaError error = ((SendOutcome.Rejected) outcome).error();
        assertThat(error.code()).isEqualTo(MetaError.PARAMETER_COUNT_MISMATCH);
        assertThat(error.httpStatus()).isEqualTo(400);
    }

    @Test
    void unknownOrUnapprovedTemplateIsRejectedLikeMeta() {
        MessageTemplate unknown = new MessageTemplate("no_such_template", "es", "APPROVED", "UTILITY", 0, "POSITIONAL", List.of(), null);
        SendOutcome missing = gateway.sendTemplate(UUID.randomUUID(), "+573001234567", unknown, List.of(), List.of()).await().atMost(WAIT);
        SendOutcome pending = gateway.sendTemplate(UUID.randomUUID(), "+573001234567", template("seasonal_campaign", "es"),
                List.of("Ana"), List.of()).await().atMost(WAIT);

        assertThat(((SendOutcome.Rejected) missing).error().code()).isEqualTo(MetaError.TEMPLATE_DOES_NOT_EXIST);
        assertThat(((SendOutcome.Rejected) pending).error().code()).isEqualTo(MetaError.TEMPLATE_DOES_NOT_EXIST);
    }

    @Test
    void textIsAcceptedAndEmptyTextRejected() {
        assertThat(gateway.sendText(UUID.randomUUID(), "+573001234567", "Hola Ana").await().atMost(WAIT))
                .isInstanceOf(SendOutcome.Accepted.class);
        assertThat(((SendOutcome.Rejected) gateway.sendText(UUID.randomUUID(), "+573001234567", " ").await().atMost(WAIT))
                .error().code()).isEqualTo(100);
    }

    @Test
    void mockConnectionIsUp() {
        assertThat(gateway.testConnection().await().atMost(WAIT).connected()).isTrue();
    }

    private MessageTemplate template(String name, String language) {
        return gateway.listTemplates().await().atMost(WAIT).stream()
                .filter(t -> t.name().equals(name) && t.language().equals(language)).findFirst().orElseThrow();
    }
}
