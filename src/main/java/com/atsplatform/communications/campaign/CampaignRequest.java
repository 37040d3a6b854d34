package com.atsplatform.communications.campaign;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.atsplatform.communications.reminder.ReminderRequest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of {@code POST /api/v1/campaigns}. */
@RegisterForReflection
public record CampaignRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 512) String templateName,
        @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?", message = "must be a language code such as es or en_US") String language,
        @Size(max = 20) List<@NotNull @Size(max = 1024) String> templateVariables,
        @NotEmpty @Size(max = CampaignRequest.MAX_RECIPIENTS) List<@NotNull UUID> applicationIds,
        @Valid ReminderRequest reminder) {

    public static final int MAX_RECIPIENTS = 10_000;

    public CampaignRequest {
        templateVariables = templateVariables == null ? List.of() : templateVariables;
    }
}
