package com.atsplatform.communications.communication;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.atsplatform.communications.persistence.RunToCompletion;
import com.atsplatform.communications.application.ApplicationService;
import com.atsplatform.communications.candidate.Candidate;
import com.atsplatform.communications.candidate.CandidateService;
import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.outbox.Dispatcher;
import com.atsplatform.communications.outbox.PendingMessage;
import com.atsplatform.communications.outbox.OutboxStore;
import com.atsplatform.communications.api.WireName;
import com.atsplatform.communications.phone.PhoneNumbers;
import com.atsplatform.communications.whatsapp.MessageTemplate;
import com.atsplatform.communications.whatsapp.SendOutcome;
import com.atsplatform.communications.whatsapp.TemplateCatalog;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Sending and retrying: every rule of the contract is checked, the message is committed as
 * {@code pending} (and leased to this request) before Meta is called, then the {@link Dispatcher}
 * sends it and records the outcome. If this instance dies mid-way, the lease expires and the
 * outbox sends it.
 */
@ApplicationScoped
public class SendService {

    private static final Logger LOG = Logger.getLogger(SendService.class);
    /** Manual retries a failed message may have. */
    public static final int RETRY_LIMIT = 3;

    /** A send as the recruiter asked for it; exactly one of {@code templateName} and {@code text}. */
    public record SendCommand(UUID applicationId, UUID candidateId, String phone, String templateName, List<String> templateVariables,
            String language, String text, MessageType messageType) {
    }

    /** The stored communication after the attempt, and what Meta made of it. */
    public record Sent(Communication communication, SendOutcome outcome) {
    }

    private final CandidateService candidates;
    private final ApplicationService applications;
    private final CommunicationRepository communications;
    private final TemplateCatalog catalog;
    private final PhoneNumbers phoneNumbers;
    private final Dispatcher dispatcher;
    private final OutboxStore outbox;
    private final WhatsAppConfig config;

    SendService(CandidateService candidates, ApplicationService applications, CommunicationRepository communications,
            TemplateCatalog catalog, PhoneNumbers phoneNumbers, Dispatcher dispatcher, OutboxStore outbox, WhatsAppConfig config) {
        this.candidates = candidates;
        this.applications = applications;
        this.communications = communications;
        this.catalog = catalog;
        this.phoneNumbers = phoneNumbers;
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.config = config;
    }

    public Uni<Sent> send(SendCommand command) {
        if (!config.enabled()) {
            return Uni.createFrom().failure(new SendProblems.WhatsAppDisabled());
        }
        Uni<Optional<MessageTemplate>> template = command.templateName() == null ? Uni.createFrom().item(Optional.empty())
                : findTemplate(command.templateName(), language(command.language()),
                        command.templateVariables() == null ? 0 : command.templateVariables().size());
        Uni<Sent> send = template.flatMap(found -> Panache.withTransaction(() -> createPending(command, found)))
                .flatMap(pending -> dispatchAndReload(PendingMessage.of(pending)));
        return RunToCompletion.of(send);
    }

    /** Sends a {@code failed} outbound message again, at most {@link #RETRY_LIMIT} times. */
    public Uni<Sent> retry(UUID communicationId) {
        if (!config.enabled()) {
            return Uni.createFrom().failure(new SendProblems.WhatsAppDisabled());
        }
        Uni<Sent> retry = Panache.withSession(() -> communications.findById(communicationId)
                .onItem().ifNull().failWith(() -> new SendProblems.CommunicationNotFound(communicationId))
                .call(this::checkRetryable))
                .flatMap(failed -> outbox.claimForRetry(communicationId, config.outbox().lease(), RETRY_LIMIT, config.outbox().giveUpAfter()))
                .flatMap(claimed -> claimed.isPresent() ? Uni.createFrom().item(claimed.get())
                        // Another retry got there first: answer as if this one had come second.
                        : reload(communicationId).map(current -> {
                            throw notRetryable(current);
                        }))
                .flatMap(this::dispatchAndReload);
        return RunToCompletion.of(retry);
    }

    private Uni<Communication> createPending(SendCommand command, Optional<MessageTemplate> template) {
        return candidates.get(command.candidateId())
                .flatMap(candidate -> applications.get(command.applicationId()).flatMap(application -> {
                    if (!application.candidateId.equals(candidate.id)) {
                        throw new SendProblems.ApplicationOfAnotherCandidate(application.id, candidate.id);
                    }
                    if (candidate.whatsappOptOut) {
                        throw new SendProblems.CandidateOptedOut(candidate.id);
                    }
                    String phone = phoneNumbers.toE164(command.phone() == null ? candidate.phone : command.phone(), "phone");
                    if (command.templateName() != null) {
                        MessageTemplate approved = checkTemplate(command.templateName(), language(command.language()),
                                command.templateVariables() == null ? 0 : command.templateVariables().size(), template);
                        return communications.persist(pending(command, candidate, phone, approved));
                    }
                    return checkServiceWindow(candidate.id).flatMap(open -> communications.persist(pending(command, candidate, phone, null)));
                }));
    }

    private Uni<Void> checkRetryable(Communication communication) {
        if (communication.direction != Direction.OUTBOUND || communication.status != CommunicationStatus.FAILED
                || communication.retryCount >= RETRY_LIMIT) {
            throw notRetryable(communication);
        }
        return candidates.get(communication.candidateId).flatMap(candidate -> {
            if (candidate.whatsappOptOut) {
                throw new SendProblems.CandidateOptedOut(candidate.id);
            }
            if (communication.templateId == null) {
                return checkServiceWindow(candidate.id);
            }
            String language = language(communication.variables == null ? null : communication.variables.language());
            List<String> parameters = communication.variables == null ? List.of() : communication.variables.body();
            return findTemplate(communication.templateId, language, parameters.size())
                    .invoke(found -> checkTemplate(communication.templateId, language, parameters.size(), found))
                    .replaceWithVoid();
        });
    }

    private static RuntimeException notRetryable(Communication communication) {
        if (communication.direction == Direction.OUTBOUND && communication.status == CommunicationStatus.FAILED) {
            return new SendProblems.RetryLimitReached(communication.communicationId, RETRY_LIMIT);
        }
        return new SendProblems.NotRetryable(communication.communicationId,
                communication.direction == Direction.INBOUND ? "an inbound message" : WireName.of(communication.status));
    }

    /**
     * The template from the cache. When the cache cannot be loaded (Meta unreachable and nothing
     * cached yet), the send is not refused for it: the message is stored pending and Meta checks
     * the template when the outbox sends it.
     */
    private Uni<Optional<MessageTemplate>> findTemplate(String name, String language, int given) {
        return catalog.find(name, language).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Template list unavailable (%s): template '%s' goes out unverified", failure.getClass().getSimpleName(), name);
            return Optional.of(MessageTemplate.unverified(name, language, given));
        });
    }

    private static MessageTemplate checkTemplate(String name, String language, int given, Optional<MessageTemplate> template) {
        MessageTemplate approved = template.filter(MessageTemplate::approved)
                .orElseThrow(() -> new SendProblems.UnknownTemplate(name, language));
        if (given != approved.parameterCount()) {
            throw new SendProblems.TemplateParameterCount(approved.name(), approved.parameterCount(), given);
        }
        return approved;
    }

    /** Free text only within 24 hours of the candidate's last message (Meta's customer-service window). */
    private Uni<Void> checkServiceWindow(UUID candidateId) {
        return communications.lastInboundAt(candidateId).invoke(lastInbound -> {
            if (!ServiceWindow.isOpen(lastInbound, Instant.now())) {
                throw new SendProblems.OutsideServiceWindow(lastInbound);
            }
        }).replaceWithVoid();
    }

    private Communication pending(SendCommand command, Candidate candidate, String phone, MessageTemplate template) {
        Communication communication = new Communication();
        communication.candidateId = candidate.id;
        communication.applicationId = command.applicationId();
        communication.direction = Direction.OUTBOUND;
        communication.recipientPhone = phone;
        communication.status = CommunicationStatus.PENDING;
        if (template != null) {
            List<String> parameters = command.templateVariables() == null ? List.of() : command.templateVariables();
            communication.messageType = command.messageType() == null ? MessageType.INITIAL : command.messageType();
            communication.templateId = template.name();
            communication.variables = new TemplateVariables(template.language(), parameters);
            communication.content = template.render(parameters);
        } else {
            communication.messageType = command.messageType() == null ? MessageType.FOLLOW_UP : command.messageType();
            communication.content = command.text();
        }
        Instant now = Instant.now();
        communication.nextAttemptAt = now;
        communication.giveUpAt = now.plus(config.outbox().giveUpAfter());
        // Claimed by this request while it calls Meta; if the instance dies, the outbox takes it after the lease.
        communication.claimToken = UUID.randomUUID();
        communication.leaseExpiresAt = now.plus(config.outbox().lease());
        return communication;
    }

    /** Sends the message and answers with the row as stored after the outcome was recorded. */
    private Uni<Sent> dispatchAndReload(PendingMessage message) {
        return dispatcher.dispatch(message)
                .flatMap(outcome -> reload(message.communicationId()).map(stored -> new Sent(stored, outcome)));
    }

    private Uni<Communication> reload(UUID communicationId) {
        return Panache.withSession(() -> communications.findById(communicationId));
    }

    private static String language(String language) {
        return language == null || language.isBlank() ? "es" : language;
    }
}
