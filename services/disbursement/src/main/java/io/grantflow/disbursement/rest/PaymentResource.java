package io.grantflow.disbursement.rest;

import io.grantflow.disbursement.persistence.PaymentEntity;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Payments as finance and operators follow them. */
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "payments", description = "资金拨付 / Payments")
public class PaymentResource {

    /** A payment. */
    public record PaymentView(UUID id, UUID reservationId, UUID applicationId, String beneficiaryId, String programme,
                              BigDecimal amount, String status, String treasuryReference, String failureCode,
                              OffsetDateTime createdAt, OffsetDateTime settledAt) {
        static PaymentView of(PaymentEntity p) {
            return new PaymentView(p.id, p.reservationId, p.applicationId, p.beneficiaryId, p.programme, p.amount,
                    p.status, p.treasuryReference, p.failureCode, p.createdAt, p.settledAt);
        }
    }

    @GET
    @WithSession
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(summary = "Payments, optionally of one application / 拨付记录")
    public Uni<List<PaymentView>> list(@QueryParam("applicationId") UUID applicationId) {
        Uni<List<PaymentEntity>> rows = applicationId == null
                ? PaymentEntity.<PaymentEntity>findAll(Sort.descending("createdAt")).page(0, 200).list()
                : PaymentEntity.<PaymentEntity>list("applicationId", Sort.ascending("createdAt"), applicationId);
        return rows.map(list -> list.stream().map(PaymentView::of).toList());
    }

    @GET
    @Path("/{id}")
    @WithSession
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(summary = "One payment / 单笔拨付")
    public Uni<PaymentView> get(@PathParam("id") UUID id) {
        return PaymentEntity.<PaymentEntity>findById(id).map(p -> {
            if (p == null) {
                throw ProblemException.notFound("拨付 / payment", id.toString());
            }
            return PaymentView.of(p);
        });
    }
}
