package io.grantflow.notifications.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.notifications.domain.WebhookEvents;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.messaging.MessageContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * An application's change becomes one delivery for each webhook of a department that
 * administers its programme (the catalogue's departments, and the approving department the
 * event names), in the transaction that records the event as consumed. The unique key on event
 * and subscription makes a redelivered event add none.
 */
@ApplicationScoped
public class RecordWebhookDeliveries {
    private static final Logger LOG = Logger.getLogger(RecordWebhookDeliveries.class);

    private final ProgrammeDirectory directory;
    private final ObjectMapper json;

    public RecordWebhookDeliveries(ProgrammeDirectory directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    public Uni<Void> record(ApplicationStatusChangedV1 change, MessageContext context) {
        Set<String> departments = new LinkedHashSet<>();
        directory.find(change.programme()).ifPresent(p -> departments.addAll(p.departments()));
        if (change.department() != null && !change.department().isBlank()) {
            departments.add(change.department());
        }
        if (departments.isEmpty()) {
            LOG.debugf(
                    "no department known for programme %s: no webhook for event %s",
                    change.programme(), context.causationId());
            return Uni.createFrom().voidItem();
        }
        String eventId = context.causationId();
        String payload = envelope(change, eventId);
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload, status,
                                attempts, next_attempt_at, window_start, created_at)
                        SELECT gen_random_uuid(), s.id, ?1, ?2, ?3, 'PENDING', 0, now(), now(), now()
                          FROM webhook_subscription s
                         WHERE s.department = ANY (string_to_array(?4, ','))
                           AND ?2 = ANY (string_to_array(s.event_types, ','))
                        ON CONFLICT ON CONSTRAINT webhook_delivery_once DO NOTHING""")
                        .setParameter(1, eventId)
                        .setParameter(2, WebhookEvents.APPLICATION_STATUS_CHANGED)
                        .setParameter(3, payload)
                        .setParameter(4, String.join(",", departments))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The body: the event's type, id and time, and what the department may see of the change;
     * never the applicant's contact address nor the reasons' free text.
     */
    String envelope(ApplicationStatusChangedV1 change, String eventId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("applicationId", change.applicationId());
        data.put("applicantId", change.applicantId());
        data.put("programme", change.programme());
        data.put("previousStatus", change.previousStatus());
        data.put("status", change.status());
        data.put("command", change.command());
        data.put("amount", change.amount() == null ? null : change.amount().toPlainString());
        data.put(
                "changedAt",
                change.changedAt() == null ? null : change.changedAt().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", WebhookEvents.APPLICATION_STATUS_CHANGED);
        body.put("id", eventId);
        body.put("timestamp", (change.changedAt() == null ? Instant.now() : change.changedAt()).toString());
        body.put("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
