package com.atsplatform.communications.application;

import java.util.UUID;

import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.problem.ProblemType;

public class ApplicationNotFound extends ProblemException {

    public ApplicationNotFound(UUID id) {
        super(ProblemType.NOT_FOUND, "No application with id " + id);
    }
}
