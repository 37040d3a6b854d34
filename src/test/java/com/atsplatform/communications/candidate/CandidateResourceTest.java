package com.atsplatform.communications.candidate;

import static com.atsplatform.communications.Api.asRecruiter;
import static com.atsplatform.communications.Api.createCandidate;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CandidateResourceTest {

    private static final String CANDIDATES = "/api/v1/candidates";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void createdCandidateHasE164PhoneAndLocation() {
        asRecruiter().body("{\"full_name\":\"Ana María Pérez\",\"phone\":\"300-123-4567\",\"email\":\"ana@example.com\"}")
                .when().post(CANDIDATES)
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/candidates/" + UUID_PATTERN))
                .body("candidate_id", matchesPattern(UUID_PATTERN))
                .body("full_name", equalTo("Ana María Pérez"))
                .body("phone", equalTo("+573001234567"))
                .body("email", equalTo("ana@example.com"))
                .body("whatsapp_opt_out", equalTo(false))
                .body("opted_out_at", nullValue())
                .body("created_at", matchesPattern("\\d{4}-\\d{2}-\\d{2}T.*Z"));
    }

    @Test
    void readCandidateShowsOptOut() {
        String id = createCandidate("Luis Gómez");
        asRecruiter().when().get(CANDIDATES + "/" + id)
                .then().statusCode(200)
                .body("candidate_id", equalTo(id))
                .body("full_name", equalTo("Luis Gómez"))
                .body("whatsapp_opt_out", equalTo(false));
    }

    @Test
    void unknownCandidateIsNotFoundProblem() {
        asRecruiter().when().get(CANDIDATES + "/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atsplatform.com/problems/not-found"))
                .body("title", notNullValue())
                .body("status", equalTo(404))
                .body("detail", containsString("No candidate"));
    }

    @Test
    void nonUuidIdIsNotFoundProblem() {
        asRecruiter().when().get(CANDIDATES + "/not-a-uuid")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void missingFieldsAreValidationProblemWithEveryField() {
        asRecruiter().body("{\"email\":\"not-an-email\"}")
                .when().post(CANDIDATES)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atsplatform.com/problems/validation"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem("full_name"))
                .body("errors.field", hasItem("phone"))
                .body("errors.field", hasItem("email"))
                .body("errors.message", hasItem(notNullValue()));
    }

    @Test
    void invalidPhoneIsValidationProblemAndNothingIsStored() {
        long before = total();
        asRecruiter().body("{\"full_name\":\"Ana\",\"phone\":\"12345\"}")
                .when().post(CANDIDATES)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("phone"))
                .body("detail", containsString("invalid"));
        org.junit.jupiter.api.Assertions.assertEquals(before, total());
    }

    @Test
    void malformedJsonIsBadRequestProblem() {
        asRecruiter().body("{\"full_name\": \"Ana\", ")
                .when().post(CANDIDATES)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atsplatform.com/problems/malformed-request"))
                .body("detail", notNullValue());
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        asRecruiter().body("{\"full_name\": {\"first\": \"Ana\"}, \"phone\": \"3001234567\"}")
                .when().post(CANDIDATES)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("full_name"));
    }

    @Test
    void emptyBodyIsValidationProblem() {
        asRecruiter().when().post(CANDIDATES)
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void unsupportedMediaTypeIsProblem() {
        asRecruiter().contentType("text/plain").body("hello")
                .when().post(CANDIDATES)
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void listIsPagedNewestFirst() {
        createCandidate("Paging One");
        createCandidate("Paging Two");
        String newest = createCandidate("Paging Three");
        asRecruiter().queryParam("page", 0).queryParam("size", 2)
                .when().get(CANDIDATES)
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].candidate_id", equalTo(newest))
                .body("items[1].full_name", equalTo("Paging Two"))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("total", greaterThanOrEqualTo(3));
        asRecruiter().queryParam("page", 1).queryParam("size", 2)
                .when().get(CANDIDATES)
                .then().statusCode(200)
                .body("page", equalTo(1))
                .body("items[0].candidate_id", not(equalTo(newest)));
    }

    @Test
    void pageSizeOverHundredIsValidationProblem() {
        asRecruiter().queryParam("size", 101)
                .when().get(CANDIDATES)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"));
    }

    private static long total() {
        return ((Number) asRecruiter().when().get(CANDIDATES).then().statusCode(200).extract().path("total")).longValue();
    }
}
