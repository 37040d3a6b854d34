package com.atsplatform.communications.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SecurityTest {

    private static final String CANDIDATES = "/api/v1/candidates";

    @Test
    void requestWithoutTokenIsUnauthorizedProblem() {
        given().when().get(CANDIDATES)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("type", equalTo("https://atsplatform.com/problems/unauthenticated"));
    }

    @Test
    void recruiterMayRead() {
        given().auth().oauth2(Tokens.recruiter()).when().get(CANDIDATES).then().statusCode(200);
    }

    @Test
    void adminMayRead() {
        given().auth().oauth2(Tokens.admin()).when().get(CANDIDATES).then().statusCode(200);
    }

    @Test
    void keycloakRealmRolesAreHonoured() {
        given().auth().oauth2(Tokens.keycloakRealmRoles(Roles.RECRUITER)).when().get(CANDIDATES).then().statusCode(200);
    }

    @Test
    void tokenWithoutAnAllowedRoleIsForbiddenProblem() {
        given().auth().oauth2(Tokens.withGroups("viewer")).when().get(CANDIDATES)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://atsplatform.com/problems/forbidden"));
    }

    @Test
    void expiredTokenIsUnauthorized() {
        given().auth().oauth2(Tokens.expired()).when().get(CANDIDATES)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void tokenSignedByAnotherKeyIsUnauthorized() {
        given().auth().oauth2(Tokens.signedByAnotherKey()).when().get(CANDIDATES)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void tokenFromAnotherIssuerIsUnauthorized() {
        given().auth().oauth2(Tokens.fromAnotherIssuer()).when().get(CANDIDATES)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void garbageBearerIsUnauthorized() {
        given().auth().oauth2("not-a-jwt").when().get(CANDIDATES)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void writesNeedARoleToo() {
        given().auth().oauth2(Tokens.withGroups("viewer")).contentType("application/json")
                .body("{\"full_name\":\"Ana\",\"phone\":\"3001234567\"}")
                .when().post(CANDIDATES)
                .then().statusCode(403);
    }
}
