package com.atsplatform.communications.communication;

import java.util.UUID;

import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.problem.ProblemType;

public class CommunicationNotFound extends ProblemException {

    public CommunicationNotFound(UUID id) {
        super(ProblemType.NOT_FOUND, "No communication with id " + id);
    }
}
