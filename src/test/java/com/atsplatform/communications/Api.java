package com.atsplatform.communications;

import static io.restassured.RestAssured.given;

import com.atsplatform.communications.security.Tokens;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as a recruiter would make them, and the rows tests set up for themselves. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification asRecruiter() {
        return given().auth().oauth2(Tokens.recruiter()).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A new candidate with a valid Colombian mobile number; returns its id. */
    public static String createCandidate(String fullName) {
        return asRecruiter().body("{\"full_name\":\"" + fullName + "\",\"phone\":\"300 555 0101\"}")
                .when().post("/api/v1/candidates")
                .then().statusCode(201).extract().path("candidate_id");
    }

    /** A new application of that candidate; returns its id. */
    public static String createApplication(String candidateId, String position) {
        return asRecruiter().body("{\"candidate_id\":\"" + candidateId + "\",\"position\":\"" + position + "\"}")
                .when().post("/api/v1/applications")
                .then().statusCode(201).extract().path("application_id");
    }
}
