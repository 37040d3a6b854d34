package com.atsplatform.communications.whatsapp;

/**
 * What became of one send. The gateway never fails for an answer from Meta: every answer is one
 * of these values, so the caller decides what to store.
 */
public sealed interface SendOutcome {

    /** Meta accepted the message and gave it this id: the only outcome that makes a message {@code sent}. */
    record Accepted(String whatsappMessageId) implements SendOutcome {
    }

    /** Meta refused it for good (bad template, parameters, number, policy …): do not retry. */
    record Rejected(MetaError error) implements SendOutcome {
    }

    /**
     * Meta could not be reached or asked us to slow down: keep the message pending and retry later.
     *
     * @param outcomeUnknown the request may have reached Meta (it timed out after being written):
     *                       wait for a status webhook before sending again
     */
    record Deferred(MetaError lastError, boolean outcomeUnknown) implements SendOutcome {

        /**
         * Whether the attempt got to Meta: an answer came (a 5xx, throttling) or may have (a
         * timeout). False when nothing was sent (circuit open, connection refused): such an attempt
         * only postpones the message.
         */
        public boolean reachedMeta() {
            return outcomeUnknown || lastError.httpStatus() != null;
        }
    }
}
