package io.grantflow.disbursement.application;

import io.grantflow.disbursement.persistence.PaymentEntity;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Reads payments. */
@ApplicationScoped
public class PaymentQueries {

    /** A payment as finance follows it. */
    public record PaymentRecord(UUID id, UUID reservationId, UUID applicationId, String beneficiaryId, String programme,
                                BigDecimal amount, String status, String treasuryReference, String failureCode,
                                OffsetDateTime createdAt, OffsetDateTime settledAt) {
        static PaymentRecord of(PaymentEntity p) {
            return new PaymentRecord(p.id, p.reservationId, p.applicationId, p.beneficiaryId, p.programme, p.amount,
                    p.status, p.treasuryReference, p.failureCode, p.createdAt, p.settledAt);
        }
    }

    public Uni<List<PaymentRecord>> list(UUID applicationId) {
        return Panache.withSession(() -> applicationId == null
                        ? PaymentEntity.<PaymentEntity>findAll(Sort.descending("createdAt")).page(0, 200).list()
                        : PaymentEntity.<PaymentEntity>list("applicationId", Sort.ascending("createdAt"), applicationId))
                .map(list -> list.stream().map(PaymentRecord::of).toList());
    }

    public Uni<PaymentRecord> get(UUID id) {
        return Panache.withSession(() -> PaymentEntity.<PaymentEntity>findById(id)).map(p -> {
            if (p == null) {
                throw ProblemException.notFound("拨付 / payment", id.toString());
            }
            return PaymentRecord.of(p);
        });
    }
}
