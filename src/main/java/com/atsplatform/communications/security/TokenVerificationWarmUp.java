package com.atsplatform.communications.security;

import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmFactoryFactory;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point: starts Quarkus as its generated main would, after handing one slow, independent
 * piece of start-up to a second thread. The OIDC extension initialises jose4j's algorithm
 * registry during start-up, on the main thread; that probes every JCA algorithm and loads the
 * security providers (0.14–0.23 s here, about a tenth of the service's start). Begun here, it runs
 * beside the configuration and the CDI container, and the extension finds it done. The same idea
 * as Spring Boot's background pre-initializer; measured in docs/operations.md (start-up). In the
 * native executable jose4j is initialised at build time and this thread finds nothing to do.
 */
@QuarkusMain
public class TokenVerificationWarmUp {

    /** Quarkus registers the entry point as a bean; only it makes one. */
    TokenVerificationWarmUp() {
    }

    public static void main(String... args) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        Thread warmUp = new Thread(TokenVerificationWarmUp::initialise, "jose4j-warm-up");
        warmUp.setContextClassLoader(application);
        warmUp.setDaemon(true);
        warmUp.start();
        Quarkus.run(args);
    }

    private static void initialise() {
        try {
            AlgorithmFactoryFactory.getInstance();
        } catch (RuntimeException | LinkageError e) {
            // The extension initialises it again on the main thread and reports what is wrong there.
            Logger.getLogger(TokenVerificationWarmUp.class).debug("jose4j warm-up failed", e);
        }
    }
}
