package io.grantflow.disbursement.application;

import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.PaymentClearanceV1;
import io.grantflow.disbursement.domain.PaymentStatus;
import io.grantflow.disbursement.domain.payee.Payee;
import io.grantflow.disbursement.domain.payee.PayeeAccount;
import io.grantflow.disbursement.domain.payee.PayeeException;
import io.grantflow.disbursement.persistence.PayeeEntity;
import io.grantflow.disbursement.persistence.PaymentEntity;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.Pages;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Payees (ADR 0027): records the account each cleared payment's snapshot names, holds an
 * applicant's unsent payments while its account is unverified, and releases them when a person of
 * the department other than the one who changed it verifies it. Every change of a payee runs
 * under the applicant's lock, so two applications of one applicant cleared at once see each other.
 */
@ApplicationScoped
public class Payees {
    private static final Logger LOG = Logger.getLogger(Payees.class);
    public static final List<String> STATUSES = List.of(Payee.Status.VERIFIED.name(), Payee.Status.UNVERIFIED.name());

    /** A payee as people read it: the account number masked but for its last four digits. */
    public record PayeeRecord(
            String applicantId,
            String registeredName,
            String bankName,
            String accountName,
            String accountNumber,
            String status,
            long profileVersion,
            long changes,
            String changedBy,
            OffsetDateTime changedAt,
            String verifiedBy,
            OffsetDateTime verifiedAt,
            String notesZh,
            long heldPayments) {}

    /**
     * The payee after a cleared payment's snapshot, in the clearance's transaction; null when
     * neither the snapshot nor an earlier one gave an account. Without a snapshot the payee stays
     * as it was. An account that was verified and no longer is holds the applicant's payments not
     * sent yet.
     */
    public Uni<PayeeEntity> observe(String applicantId, PaymentClearanceV1.Payee snapshot) {
        return lock(applicantId)
                .chain(() -> PayeeEntity.<PayeeEntity>findById(applicantId))
                .chain(row -> {
                    if (snapshot == null) {
                        return Uni.createFrom().item(row);
                    }
                    Payee.Snapshot s = new Payee.Snapshot(
                            snapshot.registeredName(),
                            new PayeeAccount(snapshot.bankName(), snapshot.accountName(), snapshot.accountNumber()),
                            snapshot.profileVersion(),
                            snapshot.changedBy());
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    if (row == null) {
                        PayeeEntity created = new PayeeEntity();
                        Payee first = Payee.firstSeen(applicantId, s);
                        created.apply(first);
                        created.changedAt = now;
                        created.verifiedAt = first.verified() ? now : null;
                        if (!first.verified()) {
                            LOG.infof(
                                    "payee of %s unverified: the account holder is not its registered name",
                                    applicantId);
                        }
                        return created.persist().replaceWith(created);
                    }
                    Payee before = row.toPayee();
                    Payee after = before.seen(s);
                    if (after.equals(before)) {
                        return Uni.createFrom().item(row);
                    }
                    row.apply(after);
                    if (after.changes() != before.changes()) {
                        row.changedAt = now;
                        row.verifiedAt = null;
                        row.verificationNotes = null;
                        row.verificationKey = null;
                    }
                    if (before.verified() && !after.verified()) {
                        LOG.infof("payee of %s changed: its payments wait for verification", applicantId);
                        return holdUnsent(applicantId).replaceWith(row);
                    }
                    return Uni.createFrom().item(row);
                });
    }

    /** The applicant's payments instructed and not sent yet wait again, for the new account's verification. */
    private static Uni<Integer> holdUnsent(String applicantId) {
        return PaymentEntity.update(
                "status = ?1, holdReason = ?2 where beneficiaryId = ?3 and origin = ?4 and status = ?5"
                        + " and sentAt is null",
                PaymentStatus.HELD.name(),
                ExecutePayments.PAYEE_UNVERIFIED,
                applicantId,
                FundsReservedV1.ORIGIN_APPLICATION,
                PaymentStatus.INSTRUCTED.name());
    }

    /**
     * A reviewer's verification of the account number they checked. The same Idempotency-Key
     * again answers as the first time. Refused (403) to the person who changed the account, and
     * (409) when the account is no longer the one checked. Releases the applicant's held payments:
     * instructed again, to the verified account, for the payment worker.
     */
    public Uni<PayeeRecord> verify(
            String applicantId,
            String accountNumber,
            String notesZh,
            String key,
            String verifier,
            Optional<String> department) {
        return Panache.withTransaction(() -> lock(applicantId)
                .chain(() -> visible(applicantId, department))
                .chain(row -> {
                    if (key != null && key.equals(row.verificationKey)) {
                        return Uni.createFrom().item(row); // the same request again
                    }
                    Payee before = row.toPayee();
                    Payee after;
                    try {
                        after = before.verify(verifier, accountNumber);
                    } catch (PayeeException e) {
                        throw problem(e);
                    }
                    if (after == before) {
                        return Uni.createFrom().item(row);
                    }
                    row.apply(after);
                    row.verifiedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    row.verificationNotes = notesZh;
                    row.verificationKey = key;
                    return release(row)
                            .invoke(n -> LOG.infof(
                                    "payee of %s verified by %s: %d held payments instructed",
                                    applicantId, verifier, n))
                            .replaceWith(row);
                })
                .chain(this::toRecord));
    }

    /** The held payments of a now verified payee go to the worker, to its account. */
    private static Uni<Integer> release(PayeeEntity row) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        UPDATE payment SET status = 'INSTRUCTED', hold_reason = NULL, next_attempt_at = now(),
                               payee_bank_name = ?1, payee_account_name = ?2, payee_account_number = ?3
                         WHERE beneficiary_id = ?4 AND status = 'HELD' AND hold_reason = ?5""")
                        .setParameter(1, row.bankName)
                        .setParameter(2, row.accountName)
                        .setParameter(3, row.accountNumber)
                        .setParameter(4, row.applicantId)
                        .setParameter(5, ExecutePayments.PAYEE_UNVERIFIED)
                        .executeUpdate());
    }

    public Uni<PayeeRecord> get(String applicantId, Optional<String> department) {
        return Panache.withSession(() -> visible(applicantId, department).chain(this::toRecord));
    }

    /** A page of payees by applicant, optionally of one status; a reviewer's only those with a payment of its department. */
    public Uni<Page<PayeeRecord>> list(String status, Optional<String> department, PageRequest page) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        if (department.isPresent()) {
            query.append(" and applicantId in (select p.beneficiaryId from PaymentEntity p where p.department = :d)");
            params.put("d", department.get());
        }
        return Panache.withSession(() -> Pages.of(
                        PayeeEntity.<PayeeEntity>find(query.toString(), Sort.ascending("applicantId"), params),
                        page,
                        row -> row)
                // one small count per row of a page (at most its limit), one after the other on the session
                .chain(rows -> Multi.createFrom()
                        .iterable(rows.items())
                        .onItem()
                        .transformToUniAndConcatenate(this::toRecord)
                        .collect()
                        .asList()
                        .map(list -> new Page<>(list, rows.total(), rows.limit(), rows.offset()))));
    }

    /** The payee, if the caller may see it: a reviewer only one paid by its department; else 404. */
    private static Uni<PayeeEntity> visible(String applicantId, Optional<String> department) {
        return PayeeEntity.<PayeeEntity>findById(applicantId).chain(row -> {
            if (row == null) {
                throw notFound(applicantId);
            }
            if (department.isEmpty()) {
                return Uni.createFrom().item(row);
            }
            return PaymentEntity.count("beneficiaryId = ?1 and department = ?2", applicantId, department.get())
                    .map(n -> {
                        if (n == 0) {
                            throw notFound(applicantId);
                        }
                        return row;
                    });
        });
    }

    private Uni<PayeeRecord> toRecord(PayeeEntity row) {
        return PaymentEntity.count(
                        "beneficiaryId = ?1 and status = ?2 and holdReason = ?3",
                        row.applicantId,
                        PaymentStatus.HELD.name(),
                        ExecutePayments.PAYEE_UNVERIFIED)
                .map(held -> new PayeeRecord(
                        row.applicantId,
                        row.registeredName,
                        row.bankName,
                        row.accountName,
                        row.account().maskedNumber(),
                        row.status,
                        row.profileVersion,
                        row.changes,
                        row.changedBy,
                        row.changedAt,
                        row.verifiedBy,
                        row.verifiedAt,
                        row.verificationNotes,
                        held));
    }

    private static ProblemException notFound(String applicantId) {
        return ProblemException.notFound("收款人", "payee", applicantId);
    }

    private static ProblemException problem(PayeeException e) {
        if (PayeeException.SAME_PERSON.equals(e.code())) {
            return new ProblemException(
                    403,
                    e.code(),
                    "无权操作",
                    "Forbidden",
                    e.messageZh(),
                    e.messageEn(),
                    List.of(new FieldError("changedBy", e.code(), e.messageZh(), e.messageEn())));
        }
        return new ProblemException(
                409,
                e.code(),
                "状态冲突",
                "Conflict",
                e.messageZh(),
                e.messageEn(),
                List.of(new FieldError("accountNumber", e.code(), e.messageZh(), e.messageEn())));
    }

    /** The applicant's lock, one key space apart from the applications' (InstructPayment). */
    private static Uni<Void> lock(String applicantId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                        .setParameter(1, "payee:" + applicantId)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
