package com.atsplatform.communications.security;

/** Roles read from the token's {@code groups} claim or Keycloak's {@code realm_access.roles}. */
public final class Roles {

    /** May read and send. */
    public static final String RECRUITER = "recruiter";
    /** May do what a recruiter does and read the WhatsApp connection status. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
