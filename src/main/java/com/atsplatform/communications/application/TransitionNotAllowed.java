package com.atsplatform.communications.application;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.atsplatform.communications.api.WireName;
import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.problem.ProblemType;

public class TransitionNotAllowed extends ProblemException {

    public TransitionNotAllowed(ApplicationStatus from, ApplicationStatus to) {
        super(ProblemType.TRANSITION_NOT_ALLOWED,
                "An application in status " + name(from) + " cannot move to " + name(to),
                List.of(),
                Map.of("current_status", name(from), "allowed_statuses",
                        from.next().stream().map(TransitionNotAllowed::name).collect(Collectors.toList())));
    }

    private static String name(ApplicationStatus status) {
        return WireName.of(status);
    }
}
