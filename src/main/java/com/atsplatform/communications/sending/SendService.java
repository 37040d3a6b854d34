package com.atsplatform.communications.sending;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.WireName;
import com.atsplatform.communications.application.ApplicationService;
import com.atsplatform.communications.candidate.Candidate;
import com.atsplatform.communications.candidate.CandidateService;
import com.atsplatform.communications.communication.Communication;
import com.atsplatform.communications.communication.CommunicationNotFound;
import com.atsplatform.communications.communication.CommunicationRepository;
import com.atsplatform.communications.communication.CommunicationStatus;
import com.atsplatform.communications.communication.CommunicationStore;
import com.atsplatform.communications.communication.Direction;
import com.atsplatform.communications.communication.MessageType;
import com.atsplatform.communications.communication.NewOutbound;
import com.atsplatform.communications.communication.PendingMessage;
import com.atsplatform.communications.communication.ServiceWindow;
import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.persistence.RunToCompletion;
import com.atsplatform.communications.phone.PhoneNumbers;
import com.atsplatform.communications.reminder.NewReminder;
import com.atsplatform.communications.reminder.ReminderRequest;
import com.atsplatform.communications.reminder.ReminderStore;
import com.atsplatform.communications.whatsapp.MessageTemplate;
import com.atsplatform.communications.whatsapp.SendOutcome;
import com.atsplatform.communications.whatsapp.TemplateCatalog;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Sending and retrying: the rules of {@link #sendable} are checked, the message is stored as
 * {@code pending} (and claimed by this request) before Meta is called, then the {@link Dispatcher}
 * sends it and records the outcome. If this instance dies mid-way, the claim's lease expires and
 * the outbox sends it.
 */
@ApplicationScoped
public class SendService {

    /** Manual retries a failed message may have. */
    public static final int RETRY_LIMIT = 3;
    public static final String DEFAULT_LANGUAGE = "es";

    /**
     * A send as the recruiter asked for it, with every default applied: exactly one of
     * {@code templateName} and {@code text}; {@code language} {@code es}; {@code messageType}
     * {@code initial} for a template and {@code follow_up} for text. Blank values count as absent.
     *
     * @param reminder null for none
     */
    public record SendCommand(UUID applicationId, UUID candidateId, String phone, String templateName, List<String> templateVariables,
            String language, String text, MessageType messageType, ReminderRequest reminder) {

        public SendCommand {
            phone = blankToNull(phone);
            templateName = blankToNull(templateName);
            text = blankToNull(text);
            templateVariables = templateVariables == null ? List.of() : List.copyOf(templateVariables);
            language = blankToNull(language) == null ? DEFAULT_LANGUAGE : language;
            if (messageType == null) {
                messageType = templateName != null ? MessageType.INITIAL : MessageType.FOLLOW_UP;
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }

    /** The stored communication after the attempt, and what Meta made of it. */
    public record Sent(Communication communication, SendOutcome outcome) {
    }

    private final CandidateService candidates;
    private final ApplicationService applications;
    private final CommunicationRepository communications;
    private final CommunicationStore store;
    private final TemplateCatalog catalog;
    private final PhoneNumbers phoneNumbers;
    private final Dispatcher dispatcher;
    private final WhatsAppConfig config;
    private final ReminderStore reminders;
    private final Pool pool;

    SendService(CandidateService candidates, ApplicationService applications, CommunicationRepository communications,
            CommunicationStore store, TemplateCatalog catalog, PhoneNumbers phoneNumbers, Dispatcher dispatcher, WhatsAppConfig config,
            ReminderStore reminders, Pool pool) {
        this.reminders = reminders;
        this.pool = pool;
        this.candidates = candidates;
        this.applications = applications;
        this.communications = communications;
        this.store = store;
        this.catalog = catalog;
        this.phoneNumbers = phoneNumbers;
        this.dispatcher = dispatcher;
        this.config = config;
    }

    public Uni<Sent> send(SendCommand command) {
        if (!config.enabled()) {
            return Uni.createFrom().failure(new SendProblems.WhatsAppDisabled());
        }
        Uni<Sent> send = candidates.get(command.candidateId())
                .flatMap(candidate -> applications.get(command.applicationId()).flatMap(application -> {
                    if (!application.candidateId.equals(candidate.id)) {
                        throw new SendProblems.ApplicationOfAnotherCandidate(application.id, candidate.id);
                    }
                    String phone = phoneNumbers.toE164(command.phone() == null ? candidate.phone : command.phone(), "phone");
                    return sendable(candidate, command.templateName(), command.language(), command.templateVariables())
                            .map(template -> new NewOutbound(application.id, candidate.id, command.messageType(), phone,
                                    template.map(MessageTemplate::name).orElse(null), template.map(MessageTemplate::language).orElse(null),
                                    command.templateVariables(),
                                    template.map(approved -> approved.render(command.templateVariables())).orElse(command.text())))
                            .flatMap(outbound -> reminderOf(candidate, command).map(reminder -> new Accepted(outbound, reminder)));
                }))
                .flatMap(accepted -> accepted.reminder().isEmpty()
                        ? store.insertPending(pool, accepted.message(), config.outbox().lease(), config.outbox().giveUpAfter())
                        // The message and its reminder are stored together, or neither is.
                        : pool.withTransaction(transaction -> store.insertPending(transaction, accepted.message(), config.outbox().lease(),
                                config.outbox().giveUpAfter())
                                .call(pending -> reminders.schedule(transaction,
                                        List.of(accepted.reminder().get().follow(accepted.message(), pending.communicationId()))))))
                .flatMap(this::dispatchAndReload);
        return RunToCompletion.of(send);
    }

    /** A send the rules allow, with its reminder (its template checked too). */
    private record Accepted(NewOutbound message, Optional<ReminderOf> reminder) {
    }

    /** A reminder's checked template, waiting for the message it follows. */
    private record ReminderOf(MessageTemplate template, ReminderRequest request) {

        NewReminder follow(NewOutbound message, UUID initialId) {
            return new NewReminder(initialId, null, message.applicationId(), message.candidateId(), template.name(), template.language(),
                    request.templateVariables(), template.render(request.templateVariables()), request.delay());
        }
    }

    private Uni<Optional<ReminderOf>> reminderOf(Candidate candidate, SendCommand command) {
        ReminderRequest reminder = command.reminder();
        if (reminder == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return sendable(candidate, reminder.templateName(), reminder.languageOr(command.language()), reminder.templateVariables())
                .map(template -> Optional.of(new ReminderOf(template.orElseThrow(), reminder)));
    }

    /** Sends a {@code failed} outbound message again, at most {@link #RETRY_LIMIT} times. */
    public Uni<Sent> retry(UUID communicationId) {
        if (!config.enabled()) {
            return Uni.createFrom().failure(new SendProblems.WhatsAppDisabled());
        }
        Uni<Sent> retry = communications.findById(communicationId)
                .onItem().ifNull().failWith(() -> new CommunicationNotFound(communicationId))
                .call(failed -> {
                    if (failed.direction != Direction.OUTBOUND || failed.status != CommunicationStatus.FAILED
                            || failed.retryCount >= RETRY_LIMIT) {
                        throw notRetryable(failed);
                    }
                    return candidates.get(failed.candidateId).flatMap(candidate -> sendable(candidate, failed.templateId,
                            failed.variables == null ? DEFAULT_LANGUAGE : failed.variables.language(),
                            failed.variables == null ? List.of() : failed.variables.body()));
                })
                .flatMap(failed -> store.claimForRetry(communicationId, config.outbox().lease(), RETRY_LIMIT, config.outbox().giveUpAfter()))
                .flatMap(claimed -> claimed.isPresent() ? Uni.createFrom().item(claimed.get())
                        // Another retry got there first: answer as if this one had come second.
                        : reload(communicationId).map(current -> {
                            throw notRetryable(current);
                        }))
                .flatMap(this::dispatchAndReload);
        return RunToCompletion.of(retry);
    }

    /**
     * What makes a message sendable, for a send and a retry alike: the candidate has not opted out;
     * free text only inside the 24-hour service window; a template only when it is approved in
     * that language and gets exactly its parameter count.
     *
     * @param templateName null for free text
     * @return the approved template; empty for free text
     */
    Uni<Optional<MessageTemplate>> sendable(Candidate candidate, String templateName, String language, List<String> parameters) {
        if (candidate.whatsappOptOut) {
            return Uni.createFrom().failure(new SendProblems.CandidateOptedOut(candidate.id));
        }
        if (templateName == null) {
            return communications.lastInboundAt(candidate.id).map(lastInbound -> {
                if (!ServiceWindow.isOpen(lastInbound, Instant.now())) {
                    throw new SendProblems.OutsideServiceWindow(lastInbound);
                }
                return Optional.empty();
            });
        }
        return approvedTemplate(templateName, language, parameters.size()).map(Optional::of);
    }

    /**
     * The template rule alone (a campaign checks it once for all its recipients): approved in that
     * language, and {@code parameterCount} is its parameter count.
     */
    public Uni<MessageTemplate> approvedTemplate(String templateName, String language, int parameterCount) {
        return catalog.findOrUnverified(templateName, language, parameterCount).map(found -> {
            MessageTemplate approved = found.filter(MessageTemplate::approved)
                    .orElseThrow(() -> new SendProblems.UnknownTemplate(templateName, language));
            if (parameterCount != approved.parameterCount()) {
                throw new SendProblems.TemplateParameterCount(approved.name(), approved.parameterCount(), parameterCount);
            }
            return approved;
        });
    }

    private static RuntimeException notRetryable(Communication communication) {
        if (communication.direction == Direction.OUTBOUND && communication.status == CommunicationStatus.FAILED) {
            return new SendProblems.RetryLimitReached(communication.communicationId, RETRY_LIMIT);
        }
        return new SendProblems.NotRetryable(communication.communicationId,
                communication.direction == Direction.INBOUND ? "an inbound message" : WireName.of(communication.status));
    }

    /** Sends the message and answers with the row as stored after the outcome was recorded. */
    private Uni<Sent> dispatchAndReload(PendingMessage message) {
        return dispatcher.dispatch(message)
                .flatMap(outcome -> reload(message.communicationId()).map(stored -> new Sent(stored, outcome)));
    }

    private Uni<Communication> reload(UUID communicationId) {
        return communications.findById(communicationId);
    }
}
