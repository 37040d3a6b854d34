package com.atsplatform.communications.api;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import com.atsplatform.communications.problem.Problem;
import com.atsplatform.communications.problem.ProblemException;

/** Checks a {@link Validated} resource method's arguments against their {@link Constraints}. */
@Validated
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class ValidationInterceptor {

    @AroundInvoke
    Object validate(InvocationContext invocation) throws Exception {
        List<Problem.FieldError> errors = Constraints.of(invocation.getMethod()).violations(invocation.getParameters());
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(errors);
        }
        return invocation.proceed();
    }
}
