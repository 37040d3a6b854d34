package com.atsplatform.communications.operations;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createApplication;
import static com.atsplatform.communications.Api.createCandidate;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.atsplatform.communications.TestRows;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** What Kubernetes, Prometheus and the frontend's browser rely on, reachable without a token. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessChecksTheDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void openApiDescribesTheApi() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/api/v1/candidates"))
                .body(containsString("/api/v1/applications/{application_id}"));
    }

    @Test
    void openApiListsEveryAnswerOfAnOperationWithItsProblemType() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/communications/send'.post.responses.keySet()",
                        hasItems("201", "202", "400", "401", "403", "404", "409", "422", "503"))
                .body("paths.'/api/v1/communications/send'.post.responses.'422'.description", containsString("candidate-opted-out"))
                .body("paths.'/api/v1/communications/send'.post.responses.'422'.content.keySet()", hasItems("application/problem+json"))
                .body("paths.'/api/v1/applications/{application_id}'.patch.responses.keySet()", hasItems("200", "409", "412"))
                .body("paths.'/api/v1/communications/{communication_id}/retry'.post.responses.'409'.description",
                        containsString("retry-limit-reached"))
                .body("paths.'/api/v1/candidates/{candidate_id}'.get.responses.keySet()", hasItems("200", "401", "403", "404"));
    }

    @Test
    void openApiNamesPropertiesAsTheyTravelAndRequiresTheBearerTokenOnTheApiOnly() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.schemas.SendRequest.properties.keySet()", hasItems("application_id", "template_name", "template_variables"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/api/v1/communications/send'.post.security[0].keySet()", hasItem("bearer"))
                .body("paths.'/api/v1/events'.get.security[0].keySet()", hasItem("bearer"))
                .body("paths.'/webhook/whatsapp'.post.security", nullValue())
                .body("paths.'/internal/outbox/drain'.post.security", nullValue());
    }

    @Test
    void openApiIsYamlUnlessJsonIsAsked() {
        given().when().get("/q/openapi")
                .then().statusCode(200).contentType(startsWith("application/yaml")).body(startsWith("---\nopenapi: 3.1.0"));
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).contentType("application/json").body("openapi", equalTo("3.1.0"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().when().get("/api/v1/candidates").then().statusCode(401);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void businessMetricsCountSendsAndWatchTheOutboxAndTheWebhookWriter() {
        sendOneMessage();
        // The webhook writer's gauges exist from its first webhook on (it is not created at start-up).
        TestRows.post(TestRows.payload("status-sent.json", Map.of("wamid.OUTBOUND_ID", TestRows.wamid(),
                "COMMUNICATION_UUID", UUID.randomUUID().toString()))).statusCode(200);

        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("whatsapp_messages_total{outcome=\"sent\",reason=\"none\"}"))
                .body(containsString("outbox_pending_messages"))
                .body(containsString("outbox_oldest_due_age_seconds"))
                .body(containsString("webhook_status_waiting_statuses"));
    }

    @Test
    void everyMetricTheGrafanaDashboardChartsIsExposed() throws IOException {
        sendOneMessage();
        TestRows.post(TestRows.payload("status-sent.json", Map.of("wamid.OUTBOUND_ID", TestRows.wamid(),
                "COMMUNICATION_UUID", UUID.randomUUID().toString()))).statusCode(200);
        String exposed = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("deployment/grafana/ats-communications.json").toFile());
        Set<String> charted = new TreeSet<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> {
            Matcher metric = Pattern.compile("\\b([a-z][a-z0-9_]*_(total|messages|seconds|statuses|current|sum|count|max))\\b")
                    .matcher(target.path("expr").asText());
            while (metric.find()) {
                charted.add(metric.group(1));
            }
        }));

        assertThat(charted).hasSizeGreaterThan(8);
        // The fault-tolerance gauges appear once the Graph client's breaker is first used (live mode only).
        assertThat(charted).filteredOn(name -> !name.startsWith("ft_")).allSatisfy(name -> assertThat(exposed).contains(name));
    }

    @Test
    void corsPreflightFromTheFrontendIsAllowed() {
        given().header("Origin", "https://ats.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/v1/candidates")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://ats.example.com")
                .header("Access-Control-Allow-Methods", containsString("POST"));
    }

    @Test
    void corsRefusesOtherOrigins() {
        given().header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/candidates")
                .then().statusCode(403);
    }

    @Test
    void unknownPathIsNotFoundProblem() {
        given().when().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static void sendOneMessage() {
        String candidate = createCandidate("Metrics Test");
        String application = createApplication(candidate, "Backend developer");
        asRecruiter().body("""
                {"application_id":"%s","candidate_id":"%s","template_name":"job_opportunity","template_variables":["Ana","Dev","Acme"]}"""
                .formatted(application, candidate)).when().post("/api/v1/communications/send").then().statusCode(201);
    }
}
