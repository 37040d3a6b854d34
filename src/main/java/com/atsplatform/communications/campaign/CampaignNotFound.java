package com.atsplatform.communications.campaign;

import java.util.UUID;

import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.problem.ProblemType;

public class CampaignNotFound extends ProblemException {

    public CampaignNotFound(UUID id) {
        super(ProblemType.NOT_FOUND, "No campaign " + id);
    }
}
