package io.grantflow.applications.application.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.audit.AuditTrail;
import io.grantflow.applications.persistence.ApplicantProfileEntity;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.applications.persistence.ApplicationHistoryEntity;
import io.grantflow.applications.persistence.PaymentClearanceWaitEntity;
import io.grantflow.contracts.events.PaymentClearanceRequestedV1;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.text.Bilingual;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Payment clearances that wait for the applicant's bank account (ADR 0027): no payment of an
 * application is cleared while its applicant's profile has no account, so that nothing is paid
 * to an account nobody verified. The request is kept (one row per payment) with a history line
 * and an audit entry on the application, and answered in the transaction that sets the account.
 * Both sides take the applicant's advisory lock before they read the profile or the waits (and
 * before the audit head's lock), so that an account set while a request arrives is never missed.
 */
@ApplicationScoped
public class PayeeWaits {
    /** The history line's command: the application does not change, its payment waits. */
    public static final String COMMAND = "await_payee";

    static final Bilingual NOTE = Bilingual.of(
            "付款待补充银行账户：请在申请主体档案中填写以本单位登记名称开立的银行账户",
            "the payment waits for the applicant's bank account: add an account in the registered name to the"
                    + " applicant profile");

    private final AuditTrail audit;
    private final ObjectMapper json;

    public PayeeWaits(AuditTrail audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /** The applicant's lock for the rest of the transaction (re-entrant within it). */
    public static Uni<Void> lock(String applicantId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 7027))")
                        .setParameter(1, "payee:" + applicantId.strip())
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Whether the applicant's profile holds an account a payment could go to. */
    public Uni<Boolean> hasAccount(String applicantId) {
        return ApplicantProfileEntity.<ApplicantProfileEntity>findById(applicantId)
                .map(row -> PayeeSnapshots.snapshot(row) != null);
    }

    /**
     * The request waits. Again for the same payment (a redelivery): nothing more, so that it is
     * answered once.
     */
    public Uni<Void> await(PaymentClearanceRequestedV1 e, ApplicationEntity row, MessageContext context) {
        return PaymentClearanceWaitEntity.<PaymentClearanceWaitEntity>findById(e.paymentId())
                .chain(found -> {
                    if (found != null) {
                        return Uni.createFrom().voidItem();
                    }
                    Instant now = Instant.now();
                    PaymentClearanceWaitEntity wait = new PaymentClearanceWaitEntity();
                    wait.paymentId = e.paymentId();
                    wait.applicationId = e.applicationId();
                    wait.applicantId = row.applicantId;
                    wait.reservationId = e.reservationId();
                    wait.fiscalYear = e.fiscalYear();
                    wait.amount = e.amount();
                    wait.requestedAt = at(e.requestedAt() == null ? now : e.requestedAt());
                    wait.correlationId = context.correlationId();
                    wait.causationId = context.causationId();
                    wait.waitingSince = at(now);
                    ApplicationHistoryEntity line =
                            ApplicationHistoryEntity.note(row.id, row.status, COMMAND, "disbursement", NOTE, at(now));
                    String state = Json.write(json, Map.of("status", row.status, "awaitingPayee", e.paymentId()));
                    return audit.append(
                                    AuditContext.message("disbursement", context),
                                    "application.payment-awaits-payee",
                                    row.id.toString(),
                                    Json.write(json, Map.of("status", row.status)),
                                    state)
                            .chain(entry -> wait.persist())
                            .chain(w -> line.persist())
                            .replaceWithVoid();
                });
    }

    /**
     * The applicant's waiting requests, oldest first, each marked answered: the caller answers
     * them in this transaction (the applicant's lock held).
     */
    public Uni<List<PaymentClearanceWaitEntity>> takeOpen(String applicantId) {
        return PaymentClearanceWaitEntity.<PaymentClearanceWaitEntity>list(
                        "applicantId = ?1 and answeredAt is null order by waitingSince, paymentId", applicantId)
                .invoke(waits -> {
                    OffsetDateTime now = at(Instant.now());
                    waits.forEach(w -> w.answeredAt = now);
                });
    }

    /** The request as disbursement sent it. */
    public static PaymentClearanceRequestedV1 request(PaymentClearanceWaitEntity w) {
        return new PaymentClearanceRequestedV1(
                w.paymentId, w.applicationId, w.reservationId, w.fiscalYear, w.amount, w.requestedAt.toInstant());
    }

    /** The message context the request came in: its answer is caused by the request, not by the profile's change. */
    public static MessageContext context(PaymentClearanceWaitEntity w) {
        return new MessageContext(w.correlationId, w.causationId);
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
