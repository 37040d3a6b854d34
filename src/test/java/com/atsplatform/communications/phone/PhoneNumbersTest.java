package com.atsplatform.communications.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.atsplatform.communications.problem.ProblemException;

import io.quarkus.test.junit.QuarkusTest;

/** Default region CO, as configured. */
@QuarkusTest
class PhoneNumbersTest {

    @Inject
    PhoneNumbers phoneNumbers;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "3001234567|+573001234567",
            "300 123 4567|+573001234567",
            "300-123-4567|+573001234567",
            "(300) 123-4567|+573001234567",
            "+57 300 123 4567|+573001234567",
            "+573001234567|+573001234567",
            "  +57-300-123-4567  |+573001234567",
            "601 234 5678|+576012345678",
            "+1 650-253-0000|+16502530000",
            "+34 612 34 56 78|+34612345678",
            "+52 55 1234 5678|+525512345678" })
    void normalisesToE164(String typed, String e164) {
        assertEquals(e164, phoneNumbers.toE164(typed, "phone"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "12345", "300123", "abc", "300-CALL-ME", "+99 123 456", "+57 300 123 4567 999 999",
            "++573001234567" })
    void rejectsInvalidNumbers(String typed) {
        ProblemException problem = assertThrows(ProblemException.class, () -> phoneNumbers.toE164(typed, "phone"));
        assertEquals(400, problem.problem().status());
        assertEquals("phone", problem.problem().errors().get(0).field());
    }

    @org.junit.jupiter.api.Test
    void rejectsNull() {
        assertThrows(ProblemException.class, () -> phoneNumbers.toE164(null, "phone"));
    }
}
