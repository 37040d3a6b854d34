package com.atsplatform.communications.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * {@code /q/openapi}: the OpenAPI 3.1 document of the API, YAML by default, JSON with
 * {@code ?format=json} or {@code Accept: application/json}. It is written at build time from the
 * resources' annotations (smallrye-open-api-maven-plugin, see pom.xml) and served as it is: nothing of
 * it is built while the service starts. The API's resources name the security scheme declared here.
 */
@Path("/q/openapi")
@SecurityScheme(securitySchemeName = OpenApiResource.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token of the OIDC server; roles in groups or realm_access.roles (recruiter, admin)")
public class OpenApiResource {

    /** The security scheme the API's resources require. */
    public static final String BEARER = "bearer";

    private static final String JSON = "application/json";
    private static final String YAML = "application/yaml;charset=UTF-8";

    private final ConcurrentMap<String, byte[]> documents = new ConcurrentHashMap<>();

    @GET
    @Operation(hidden = true)
    public Response document(@QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean json = format != null ? format.equalsIgnoreCase("json") : accept != null && accept.contains(JSON);
        return json ? Response.ok(document("openapi.json"), JSON).build() : Response.ok(document("openapi.yaml"), YAML).build();
    }

    private byte[] document(String file) {
        return documents.computeIfAbsent(file, OpenApiResource::read);
    }

    private static byte[] read(String file) {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("/META-INF/openapi/" + file)) {
            if (in == null) {
                throw new IllegalStateException("META-INF/openapi/" + file + " is missing: the build writes it (pom.xml)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
