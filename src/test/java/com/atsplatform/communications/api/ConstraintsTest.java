package com.atsplatform.communications.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;

import com.atsplatform.communications.problem.Problem;

/** The constraints as Bean Validation defines them, with its default messages, named as the JSON names the fields. */
class ConstraintsTest {

    record Inner(@NotBlank @Size(max = 5) String afterThat) {
    }

    record Body(@NotNull String candidateId, @Size(max = 2) List<@NotNull @Size(max = 3) String> templateVariables,
            @NotEmpty List<String> ids, @Email String email, @Pattern(regexp = "[a-z]{2}", message = "must be a language code") String language,
            @Valid Inner reminder) {

        @AssertTrue(message = "give ids or an email")
        public boolean isIdsOrEmail() {
            return ids != null || email != null;
        }
    }

    static class Resource {
        public void list(@QueryParam("page_size") @Min(1) @Max(100) int pageSize, @QueryParam("name") @Size(max = 3) String name) {
        }

        public void create(@NotNull @Valid Body body) {
        }

        public void unsupported(@QueryParam("n") @Positive int n) {
        }
    }

    @Test
    void aValidBodyAndValidParametersBreakNothing() throws Exception {
        Body body = new Body("c", List.of("a", "b"), List.of("x"), "ana.perez+ats@example.co", "es", new Inner("PT1H"));
        assertThat(violations("create", body)).isEmpty();
        assertThat(violations("list", 100, null)).isEmpty();
    }

    @Test
    void everyBrokenConstraintIsListedByItsJsonNameWithBeanValidationsMessage() throws Exception {
        Body body = new Body(null, Arrays.asList("abcd", null, "c"), List.of(), "not an address", "ES", new Inner(" "));

        assertThat(violations("create", body)).containsExactly(
                new Problem.FieldError("candidate_id", "must not be null"),
                new Problem.FieldError("email", "must be a well-formed email address"),
                new Problem.FieldError("ids", "must not be empty"),
                new Problem.FieldError("language", "must be a language code"),
                new Problem.FieldError("reminder.after_that", "must not be blank"),
                new Problem.FieldError("template_variables", "size must be between 0 and 2"),
                new Problem.FieldError("template_variables[0]", "size must be between 0 and 3"),
                new Problem.FieldError("template_variables[1]", "must not be null"));
    }

    @Test
    void assertTrueMethodsAreNamedAfterTheirPropertyAndMissingBodiesAfterTheParameter() throws Exception {
        Body body = new Body("c", null, null, null, null, null);
        assertThat(violations("create", body)).containsExactly(new Problem.FieldError("ids", "must not be empty"),
                new Problem.FieldError("ids_or_email", "give ids or an email"));
        assertThat(violations("create", (Object) null)).containsExactly(new Problem.FieldError("body", "must not be null"));
    }

    @Test
    void queryParametersAreNamedAsInTheQuery() throws Exception {
        assertThat(violations("list", 0, "abcd")).containsExactly(new Problem.FieldError("name", "size must be between 0 and 3"),
                new Problem.FieldError("page_size", "must be greater than or equal to 1"));
        assertThat(violations("list", 101, "abc")).containsExactly(new Problem.FieldError("page_size", "must be less than or equal to 100"));
    }

    @Test
    void aConstraintItDoesNotKnowIsAnErrorNotASkippedRule() {
        assertThatThrownBy(() -> violations("unsupported", 1)).hasMessageContaining("Positive");
    }

    private static List<Problem.FieldError> violations(String name, Object... arguments) throws NoSuchMethodException {
        Method method = Arrays.stream(Resource.class.getMethods()).filter(candidate -> candidate.getName().equals(name)).findFirst()
                .orElseThrow(NoSuchMethodException::new);
        return Constraints.of(method).violations(arguments);
    }
}
