package com.atsplatform.communications.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.communication.CommunicationStore;
import com.atsplatform.communications.communication.MessageType;
import com.atsplatform.communications.communication.NewOutbound;
import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.phone.PhoneNumbers;
import com.atsplatform.communications.problem.ProblemException;
import com.atsplatform.communications.problem.ProblemType;
import com.atsplatform.communications.reminder.NewReminder;
import com.atsplatform.communications.reminder.ReminderRequest;
import com.atsplatform.communications.reminder.ReminderStore;
import com.atsplatform.communications.sending.SendProblems;
import com.atsplatform.communications.sending.SendService;
import com.atsplatform.communications.whatsapp.MessageTemplate;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Campaigns: everything is checked before anything is stored (the applications exist, the
 * templates are approved with the right variable count, the placeholders are known); then one
 * transaction stores the campaign, one pending {@code initial} message per reachable recipient (the
 * outbox sends them at the campaign rate), the recipients (skipped ones with their reason) and the
 * reminders.
 */
@ApplicationScoped
public class CampaignService {

    static final String OPTED_OUT = "opted_out";
    static final String INVALID_PHONE = "invalid_phone";

    private final CampaignRepository campaigns;
    private final CampaignStore store;
    private final CommunicationStore communications;
    private final ReminderStore reminders;
    private final SendService sending;
    private final PhoneNumbers phoneNumbers;
    private final WhatsAppConfig config;
    private final Pool pool;

    CampaignService(CampaignRepository campaigns, CampaignStore store, CommunicationStore communications, ReminderStore reminders,
            SendService sending, PhoneNumbers phoneNumbers, WhatsAppConfig config, Pool pool) {
        this.campaigns = campaigns;
        this.store = store;
        this.communications = communications;
        this.reminders = reminders;
        this.sending = sending;
        this.phoneNumbers = phoneNumbers;
        this.config = config;
        this.pool = pool;
    }

    /** A template a campaign sends, approved and with the right variable count. */
    private record Checked(MessageTemplate initial, MessageTemplate reminder) {
    }

    public Uni<Campaign> create(CampaignRequest request, String createdBy) {
        if (!config.enabled()) {
            return Uni.createFrom().failure(new SendProblems.WhatsAppDisabled());
        }
        String language = request.language() == null ? SendService.DEFAULT_LANGUAGE : request.language();
        ReminderRequest reminder = request.reminder();
        Placeholders.check("template_variables", request.templateVariables());
        if (reminder != null) {
            Placeholders.check("reminder.template_variables", reminder.templateVariables());
        }
        // The same application twice is reached once.
        List<UUID> applicationIds = List.copyOf(new LinkedHashSet<>(request.applicationIds()));
        return sending.approvedTemplate(request.templateName(), language, request.templateVariables().size())
                .flatMap(initial -> reminder == null ? Uni.createFrom().item(new Checked(initial, null))
                        : sending.approvedTemplate(reminder.templateName(), reminder.languageOr(language), reminder.templateVariables().size())
                                .map(second -> new Checked(initial, second)))
                .flatMap(checked -> campaigns.audience(applicationIds).flatMap(audience -> {
                    Map<UUID, CampaignRepository.Audience> byId = new HashMap<>();
                    audience.forEach(recipient -> byId.put(recipient.applicationId(), recipient));
                    List<UUID> unknown = applicationIds.stream().filter(id -> !byId.containsKey(id)).toList();
                    if (!unknown.isEmpty()) {
                        throw new ProblemException(ProblemType.UNKNOWN_APPLICATIONS,
                                unknown.size() + " of the application_ids match no application; nothing was created", List.of(),
                                Map.of("unknown_application_ids", unknown));
                    }
                    return store(request, createdBy, language, checked, applicationIds.stream().map(byId::get).toList());
                }))
                .flatMap(id -> campaigns.find(id));
    }

    /**
     * Each recipient's number checked (libphonenumber: a few hundred milliseconds for 10,000, so
     * on worker threads, in parallel, never on the event loop) and its message prepared; then one
     * transaction stores it all.
     */
    private Uni<UUID> store(CampaignRequest request, String createdBy, String language, Checked checked,
            List<CampaignRepository.Audience> audience) {
        return Uni.createFrom().item(() -> phones(audience)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(phones -> store(request, createdBy, language, checked, audience, phones));
    }

    /** Each recipient's number in E.164, or null when it has opted out or the number is not valid. */
    private String[] phones(List<CampaignRepository.Audience> audience) {
        String[] phones = new String[audience.size()];
        IntStream.range(0, audience.size()).parallel().forEach(i -> {
            CampaignRepository.Audience recipient = audience.get(i);
            if (!recipient.optedOut()) {
                try {
                    phones[i] = phoneNumbers.toE164(recipient.phone(), "phone");
                } catch (ProblemException invalid) {
                    phones[i] = null;
                }
            }
        });
        return phones;
    }

    private Uni<UUID> store(CampaignRequest request, String createdBy, String language, Checked checked,
            List<CampaignRepository.Audience> audience, String[] phones) {
        UUID campaignId = UUID.randomUUID();
        int size = audience.size();
        List<UUID> applications = new ArrayList<>(size);
        List<UUID> candidates = new ArrayList<>(size);
        List<String> skipReasons = new ArrayList<>(size);
        List<NewOutbound> messages = new ArrayList<>();
        List<Placeholders.Recipient> reached = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            CampaignRepository.Audience recipient = audience.get(i);
            applications.add(recipient.applicationId());
            candidates.add(recipient.candidateId());
            String skip = recipient.optedOut() ? OPTED_OUT : phones[i] == null ? INVALID_PHONE : null;
            skipReasons.add(skip);
            if (skip == null) {
                Placeholders.Recipient values = new Placeholders.Recipient(recipient.fullName(), recipient.position());
                List<String> parameters = Placeholders.fill(request.templateVariables(), values);
                messages.add(new NewOutbound(recipient.applicationId(), recipient.candidateId(), MessageType.INITIAL, phones[i],
                        checked.initial().name(), checked.initial().language(), parameters, checked.initial().render(parameters), campaignId));
                reached.add(values);
            }
        }
        ReminderRequest reminder = request.reminder();
        CampaignStore.NewCampaign campaign = new CampaignStore.NewCampaign(campaignId, request.name(), request.templateName(), language,
                request.templateVariables(), reminder == null ? null
                        : CampaignStore.reminderJson(reminder.after(), reminder.templateName(), checked.reminder().language(),
                                reminder.templateVariables()),
                size, createdBy);
        return pool.withTransaction(transaction -> store.insert(transaction, campaign)
                .flatMap(ignored -> messages.isEmpty() ? Uni.createFrom().item(List.<UUID>of())
                        : communications.insertPendingBatch(transaction, messages, config.outbox().giveUpAfter()))
                .flatMap(messageIds -> {
                    List<UUID> perRecipient = new ArrayList<>(size);
                    int next = 0;
                    for (String skip : skipReasons) {
                        perRecipient.add(skip == null ? messageIds.get(next++) : null);
                    }
                    Uni<Void> recipients = store.insertRecipients(transaction, campaignId, applications, candidates, perRecipient, skipReasons);
                    if (reminder == null) {
                        return recipients;
                    }
                    List<NewReminder> scheduled = new ArrayList<>(messageIds.size());
                    for (int i = 0; i < messageIds.size(); i++) {
                        NewOutbound message = messages.get(i);
                        List<String> parameters = Placeholders.fill(reminder.templateVariables(), reached.get(i));
                        scheduled.add(new NewReminder(messageIds.get(i), campaignId, message.applicationId(), message.candidateId(),
                                checked.reminder().name(), checked.reminder().language(), parameters, checked.reminder().render(parameters),
                                reminder.delay()));
                    }
                    return recipients.flatMap(ignored -> reminders.schedule(transaction, scheduled));
                })
                .replaceWith(campaignId));
    }

    public Uni<Campaign> get(UUID id) {
        return campaigns.find(id).onItem().ifNull().failWith(() -> new CampaignNotFound(id));
    }

    public Uni<Page<Campaign>> list(int page, int size) {
        return campaigns.list(page, size);
    }

    public Uni<Page<Recipient>> recipients(UUID id, String status, int page, int size) {
        return get(id).flatMap(campaign -> campaigns.recipients(id, status, page, size));
    }

    /**
     * Messages no sender has started to hand to Meta become {@code failed} (their error says the
     * campaign was cancelled) and scheduled reminders are cancelled, in one transaction. Cancelling a
     * cancelled campaign changes nothing; a campaign with nothing left to send is completed: 409.
     */
    public Uni<Campaign> cancel(UUID id) {
        return pool.withTransaction(transaction -> store.lock(transaction, id).flatMap(locked -> {
            if (locked.isEmpty()) {
                throw new CampaignNotFound(id);
            }
            CampaignStatus status = locked.get().status();
            if (status == CampaignStatus.CANCELLED) {
                return Uni.createFrom().item(false);
            }
            if (status == CampaignStatus.COMPLETED || !locked.get().unfinished()) {
                // Committed before the 409: a campaign found finished is completed from now on.
                return store.end(transaction, id, CampaignStatus.COMPLETED).replaceWith(true);
            }
            return store.end(transaction, id, CampaignStatus.CANCELLED)
                    .flatMap(ignored -> communications.cancelCampaign(transaction, id,
                            "Cancelled: the campaign was cancelled before this message was handed to Meta"))
                    .flatMap(ignored -> reminders.cancelForCampaign(transaction, id, ReminderStore.CAMPAIGN_CANCELLED))
                    .replaceWith(false);
        })).flatMap(completed -> {
            if (completed) {
                throw new ProblemException(ProblemType.CAMPAIGN_COMPLETED,
                        "Campaign " + id + " has completed: every message was handed to Meta; nothing is left to cancel");
            }
            return get(id);
        });
    }
}
