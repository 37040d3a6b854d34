package com.atsplatform.communications.security;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Real RS256 tokens signed with the local key whose public half the test profile trusts
 * ({@code %test.quarkus.oidc.public-key}), plus the bad ones a client might present.
 */
public final class Tokens {

    public static final String ISSUER = "https://ats.local/issuer";

    private Tokens() {
    }

    public static String recruiter() {
        return withGroups(Roles.RECRUITER);
    }

    public static String admin() {
        return withGroups(Roles.ADMIN);
    }

    public static String withGroups(String... groups) {
        return claims().groups(Set.of(groups)).sign(localKey());
    }

    /** Roles where Keycloak puts them, with no {@code groups} claim. */
    public static String keycloakRealmRoles(String... roles) {
        return claims().claim("realm_access", Map.of("roles", List.of(roles))).sign(localKey());
    }

    public static String expired() {
        Instant issued = Instant.now().minusSeconds(7200);
        return claims().groups(Roles.RECRUITER).issuedAt(issued).expiresAt(issued.plusSeconds(600)).sign(localKey());
    }

    public static String signedByAnotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims().groups(Roles.RECRUITER).sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fromAnotherIssuer() {
        return Jwt.issuer("https://someone-else.example/issuer").subject("mallory").groups(Roles.RECRUITER)
                .expiresIn(600).sign(localKey());
    }

    private static JwtClaimsBuilder claims() {
        return Jwt.issuer(ISSUER).subject("recruiter-1").claim("preferred_username", "ana").expiresIn(600);
    }

    private static PrivateKey localKey() {
        try {
            return KeyUtils.readPrivateKey("/local-signing-key.pem");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the local signing key", e);
        }
    }
}
