package io.grantflow.disbursement.application;

import io.grantflow.disbursement.domain.PaymentStatus;
import io.grantflow.disbursement.persistence.PaymentEntity;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.Pages;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Reads payments. */
@ApplicationScoped
public class PaymentQueries {

    /**
     * A payment as finance follows it; {@code holdReason} says why a held payment is not paid,
     * {@code orderKey} is the reference its order carries at the treasury and in bank statements,
     * {@code confirmedAmount} what the treasury confirmed it paid, {@code offsetAmount} what of the
     * amount settled the applicant's recovery orders instead (ADR 0029; the treasury was ordered the rest).
     */
    /**
     * A payment as finance reads it; {@code attempts}, {@code lastError} and {@code nextAttemptAt}
     * show a payment the worker is retrying (the next call only while it is still to be sent).
     */
    public record PaymentRecord(
            UUID id,
            UUID reservationId,
            UUID applicationId,
            String beneficiaryId,
            String programme,
            Integer fiscalYear,
            BigDecimal amount,
            String status,
            String holdReason,
            String origin,
            String treasuryReference,
            String failureCode,
            OffsetDateTime createdAt,
            OffsetDateTime settledAt,
            UUID orderKey,
            BigDecimal confirmedAmount,
            BigDecimal offsetAmount,

            int attempts,

            String lastError,

            OffsetDateTime nextAttemptAt) {
        static PaymentRecord of(PaymentEntity p) {
            return new PaymentRecord(
                    p.id,
                    p.reservationId,
                    p.applicationId,
                    p.beneficiaryId,
                    p.programme,
                    p.fiscalYear,
                    p.amount,
                    p.status,
                    p.holdReason,
                    p.origin,
                    p.treasuryReference,
                    p.failureCode,
                    p.createdAt,
                    p.settledAt,
                    p.orderKey,
                    p.confirmedAmount,
                    p.offsetAmount,
                    p.attempts,
                    p.lastError,
                    PaymentStatus.INSTRUCTED.name().equals(p.status) ? p.nextAttemptAt : null);
        }
    }

    /** A page of payments, newest first, optionally of one application and one status. */
    public Uni<Page<PaymentRecord>> list(UUID applicationId, String status, PageRequest page) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (applicationId != null) {
            query.append(" and applicationId = :application");
            params.put("application", applicationId);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        return Panache.withSession(() -> {
            var found = PaymentEntity.<PaymentEntity>find(
                    query.toString(), Sort.descending("createdAt").and("id"), params);
            return Pages.of(found, page, PaymentRecord::of);
        });
    }

    public Uni<PaymentRecord> get(UUID id) {
        return Panache.withSession(() -> PaymentEntity.<PaymentEntity>findById(id))
                .map(p -> {
                    if (p == null) {
                        throw ProblemException.notFound("拨付", "payment", id.toString());
                    }
                    return PaymentRecord.of(p);
                });
    }
}
