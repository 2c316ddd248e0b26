package io.grantflow.notifications.application;

import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.FundsReversedV1;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.contracts.events.RecoveryRecordedV1;
import io.grantflow.contracts.events.ReservationRefusedV1;
import io.grantflow.notifications.domain.NoticeEvents;
import io.grantflow.notifications.domain.NoticeTemplates;
import io.grantflow.platform.messaging.MessageContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Finance hears of the money: each payment made or refused by the treasury, each reservation the
 * budget refused (with the account and its headroom) and each clawback returned to the budget.
 * The enterprise hears of the same steps through its application's changes, and with its
 * department of each recovery of a recovery order (an offset against its payment, a repayment).
 */
@ApplicationScoped
public class NotifyFinance {
    private final WriteNotices writer;

    public NotifyFinance(WriteNotices writer) {
        this.writer = writer;
    }

    public Uni<Void> paid(PaymentCompletedV1 e, MessageContext context) {
        Map<String, Object> v = base(e.applicationId());
        v.put("paymentId", str(e.paymentId()));
        v.put("reservationId", str(e.reservationId()));
        v.put("beneficiaryId", e.beneficiaryId());
        v.put("amount", NoticeTemplates.yuan(e.amount()));
        v.put("treasuryReference", e.treasuryReference());
        v.put("blockGrant", FundsReservedV1.ORIGIN_BLOCK_GRANT.equals(e.origin()));
        return write(NoticeEvents.PAYMENT_COMPLETED, v, e.applicationId(), context);
    }

    public Uni<Void> failed(PaymentFailedV1 e, MessageContext context) {
        Map<String, Object> v = base(e.applicationId());
        v.put("paymentId", str(e.paymentId()));
        v.put("reservationId", str(e.reservationId()));
        v.put("amount", NoticeTemplates.yuan(e.amount()));
        v.put("code", e.code());
        v.put("reasonZh", e.messageZh());
        v.put("reasonEn", e.messageEn());
        v.put("blockGrant", FundsReservedV1.ORIGIN_BLOCK_GRANT.equals(e.origin()));
        return write(NoticeEvents.PAYMENT_FAILED, v, e.applicationId(), context);
    }

    public Uni<Void> refused(ReservationRefusedV1 e, MessageContext context) {
        Map<String, Object> v = base(e.applicationId());
        v.put("reservationId", str(e.reservationId()));
        v.put("account", e.account());
        v.put("headroom", NoticeTemplates.yuan(e.headroom()));
        v.put("requested", NoticeTemplates.yuan(e.requested()));
        v.put("code", e.code());
        v.put("reasonZh", e.messageZh());
        v.put("reasonEn", e.messageEn());
        return write(NoticeEvents.RESERVATION_REFUSED, v, e.applicationId(), context);
    }

    public Uni<Void> reversed(FundsReversedV1 e, MessageContext context) {
        Map<String, Object> v = base(e.applicationId());
        v.put("reservationId", str(e.reservationId()));
        v.put("amount", NoticeTemplates.yuan(e.amount()));
        // the reversal's reason is one text, as the budget keeps it
        v.put("reasonZh", e.reason());
        v.put("reasonEn", e.reason());
        return write(NoticeEvents.FUNDS_REVERSED, v, e.applicationId(), context);
    }

    /** A recovery (ADR 0029): told to the enterprise that owed it and to the award's department. */
    public Uni<Void> recovered(RecoveryRecordedV1 e, MessageContext context) {
        Map<String, Object> v = base(e.applicationId());
        v.put("reference", e.reference());
        v.put("kind", e.kind());
        v.put("amount", NoticeTemplates.yuan(e.amount()));
        v.put("outstanding", NoticeTemplates.yuan(e.outstanding()));
        v.put("settled", e.settled());
        v.put("paymentId", str(e.paymentId()));
        return writer.write(
                NoticeTemplates.forRecovery(e.applicantId(), e.department(), v),
                context.causationId(),
                e.applicationId(),
                null,
                null);
    }

    private Uni<Void> write(String eventType, Map<String, Object> v, UUID applicationId, MessageContext context) {
        return writer.write(
                List.of(NoticeTemplates.forFinance(eventType, v)), context.causationId(), applicationId, null, null);
    }

    private static Map<String, Object> base(UUID applicationId) {
        Map<String, Object> v = new HashMap<>();
        v.put("applicationId", str(applicationId));
        return v;
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }
}
