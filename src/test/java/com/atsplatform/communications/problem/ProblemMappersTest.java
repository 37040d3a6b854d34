package com.atsplatform.communications.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    @Test
    void anUnexpectedFailureIsLoggedWithItsFramesAndCausesButNotItsMessages() {
        IllegalStateException failure = new IllegalStateException("row (+573001234567, 'Hola Ana') violates a check",
                new UncheckedIOException("reading +573001234567", new IOException("secret token abc")));

        String trace = ProblemMappers.traceWithoutMessages(failure);

        assertThat(trace).startsWith("java.lang.IllegalStateException\n\tat ")
                .contains("Caused by: java.io.UncheckedIOException", "Caused by: java.io.IOException")
                .contains(ProblemMappersTest.class.getName() + ".anUnexpectedFailureIsLoggedWithItsFramesAndCausesButNotItsMessages")
                .doesNotContain("+573001234567", "Hola", "secret");
    }
}
