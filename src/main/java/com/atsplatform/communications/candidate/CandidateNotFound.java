package com.atsplatform.communications.candidate;

import java.util.UUID;

import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.problem.ProblemType;

public class CandidateNotFound extends ProblemException {

    public CandidateNotFound(UUID id) {
        super(ProblemType.NOT_FOUND, "No candidate with id " + id);
    }
}
