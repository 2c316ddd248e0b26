package io.grantflow.applications.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.domain.Application;
import io.grantflow.applications.domain.CreditCommitment;
import io.grantflow.applications.persistence.ApplicationCommitmentEntity;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.contracts.events.Applicant;
import io.grantflow.contracts.events.ApplicationSubmittedV1;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/** Stores a new application and announces it, in one transaction. */
@ApplicationScoped
public class SubmitApplication {
    private final Outbox outbox;
    private final StatusChanges statusChanges;
    private final ObjectMapper json;

    public SubmitApplication(Outbox outbox, StatusChanges statusChanges, ObjectMapper json) {
        this.outbox = outbox;
        this.statusChanges = statusChanges;
        this.json = json;
    }

    /**
     * What an applicant submits; the applicant's identity comes from the token, never the body.
     * {@code commitment} is the credit commitment it accepted, when it named one.
     */
    public record SubmitCommand(
            String applicantId,
            String applicantKind,
            String district,
            String programme,
            Map<String, Object> facts,
            String contactEmail,
            String actor,
            CreditCommitment commitment) {
        public SubmitCommand(
                String applicantId,
                String applicantKind,
                String district,
                String programme,
                Map<String, Object> facts,
                String contactEmail,
                String actor) {
            this(applicantId, applicantKind, district, programme, facts, contactEmail, actor, null);
        }
    }

    /** A submission without a request of its own (from code): the audit trail gets a made-up correlation id. */
    public Uni<ApplicationRecord> submit(SubmitCommand command) {
        return submit(command, AuditContext.of(command.actor(), "enterprise"));
    }

    public Uni<ApplicationRecord> submit(SubmitCommand command, AuditContext who) {
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        Application app = Application.submit(id, command.applicantId(), command.programme(), now);
        ApplicationEntity row = new ApplicationEntity();
        row.id = id;
        row.applicantId = command.applicantId();
        row.applicantKind = command.applicantKind();
        row.district = command.district();
        row.programme = command.programme();
        row.facts = Json.write(json, command.facts());
        row.contactEmail = command.contactEmail();
        row.submittedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        MessageContext context = new MessageContext(id.toString(), null);
        ApplicationSubmittedV1 event = new ApplicationSubmittedV1(
                id,
                command.programme(),
                new Applicant(command.applicantId(), command.applicantKind(), command.district()),
                command.facts(),
                now);
        return Panache.withTransaction(() -> statusChanges
                        .record(row, null, app, who, context)
                        .chain(() -> outbox.add(event, id.toString(), context))
                        .chain(() -> accepted(id, command, now))
                        .replaceWith(row))
                .map(ApplicationQueries::toRecord);
    }

    /** The credit commitment accepted with the submission: its version and the SHA-256 of its text. */
    private static Uni<Void> accepted(UUID id, SubmitCommand command, Instant now) {
        if (command.commitment() == null) {
            return Uni.createFrom().voidItem();
        }
        ApplicationCommitmentEntity accepted = new ApplicationCommitmentEntity();
        accepted.applicationId = id;
        accepted.version = command.commitment().version();
        accepted.textSha256 = command.commitment().sha256();
        accepted.acceptedBy = command.actor();
        accepted.acceptedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        return accepted.persist().replaceWithVoid();
    }
}
