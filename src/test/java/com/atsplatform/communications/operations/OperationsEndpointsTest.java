package com.atsplatform.communications.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

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
                .body(containsString("/api/v1/applications/{id}"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().when().get("/api/v1/candidates").then().statusCode(401);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"));
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
}
