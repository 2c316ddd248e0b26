package io.grantflow.applications.domain.procedure;

import static io.grantflow.applications.domain.procedure.Inputs.requireAmount;
import static io.grantflow.applications.domain.procedure.Inputs.requireReasons;
import static io.grantflow.applications.domain.procedure.Refusals.conflict;
import static io.grantflow.applications.domain.procedure.Refusals.unprocessable;

import io.grantflow.platform.money.Money;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The money after an approval: the budget's answer on the reservation, payments (never more than
 * approved), 办结 and 追回 (never more than paid).
 */
final class Funding {
    private final Dossier d;
    private final Guards guards;

    Funding(Dossier d, Guards guards) {
        this.d = d;
        this.guards = guards;
    }

    ProcedureEvent.FundsReserved recordFundsReserved(Actor actor, UUID reservationId, Instant at) {
        d.accept(ProcedureCommand.RECORD_FUNDS_RESERVED, at);
        guards.requireSystem(actor);
        requireOpenReservation(reservationId);
        d.reservation = d.reservation.reserved();
        return d.commit(
                ProcedureCommand.RECORD_FUNDS_RESERVED,
                ProcedureState.APPROVED,
                actor,
                at,
                h -> new ProcedureEvent.FundsReserved(h, reservationId));
    }

    ProcedureEvent.BudgetRefused recordBudgetRefusal(
            Actor actor, UUID reservationId, BudgetRefusal refusal, Instant at) {
        d.accept(ProcedureCommand.RECORD_BUDGET_REFUSAL, at);
        guards.requireSystem(actor);
        requireOpenReservation(reservationId);
        Objects.requireNonNull(refusal, "refusal");
        // back to the reviewer who recommended it, for a lower amount (announced again) or a rejection
        String returnedTo = d.recommendation.recommendedBy();
        d.claimedBy = returnedTo;
        d.lastBudgetRefusal = refusal;
        d.recommendation = null;
        d.announcement = null;
        d.reservation = null;
        d.approvedAmount = null;
        return d.commit(
                ProcedureCommand.RECORD_BUDGET_REFUSAL,
                ProcedureState.UNDER_REVIEW,
                actor,
                at,
                h -> new ProcedureEvent.BudgetRefused(h, reservationId, refusal, returnedTo));
    }

    ProcedureEvent.PaymentCleared clearPayment(Actor actor, UUID paymentId, UUID reservationId, Instant at) {
        d.accept(ProcedureCommand.CLEAR_PAYMENT, at);
        guards.requireSystem(actor);
        requireReservation(reservationId);
        Objects.requireNonNull(paymentId, "paymentId");
        UUID underWay = d.reservation.paymentUnderWay();
        if (underWay != null && !underWay.equals(paymentId)) {
            throw conflict(
                    "PAYMENT_UNDER_WAY", null, "另一笔拨付正在办理：" + underWay, "Another payment is under way: " + underWay);
        }
        // disbursement pays only what the budget reserved: the request proves the reservation
        d.reservation = d.reservation.reserved().paying(paymentId);
        return d.commit(
                ProcedureCommand.CLEAR_PAYMENT,
                ProcedureState.APPROVED,
                actor,
                at,
                h -> new ProcedureEvent.PaymentCleared(h, paymentId, reservationId));
    }

    ProcedureEvent.PaymentFailed recordPaymentFailure(
            Actor actor, UUID paymentId, UUID reservationId, Bilingual reason, Instant at) {
        d.accept(ProcedureCommand.RECORD_PAYMENT_FAILURE, at);
        guards.requireSystem(actor);
        requireReservation(reservationId);
        Objects.requireNonNull(reason, "reason");
        if (paymentId.equals(d.reservation.paymentUnderWay())) {
            d.reservation = d.reservation.paymentSettled();
        }
        return d.commit(
                ProcedureCommand.RECORD_PAYMENT_FAILURE,
                ProcedureState.APPROVED,
                actor,
                at,
                h -> new ProcedureEvent.PaymentFailed(h, paymentId, reservationId, reason));
    }

    ProcedureEvent.PaymentRecorded recordPayment(Actor actor, UUID reservationId, BigDecimal amount, Instant at) {
        d.accept(ProcedureCommand.RECORD_PAYMENT, at);
        guards.requireSystem(actor);
        requireReservation(reservationId);
        BigDecimal exact = requireAmount(amount, "amount");
        BigDecimal total = d.paid.add(exact);
        if (total.compareTo(d.approvedAmount) > 0) {
            throw unprocessable(
                    "PAYMENT_ABOVE_APPROVAL",
                    "amount",
                    "拨付合计 " + Money.format(total) + " 元将超过批准金额 " + Money.format(d.approvedAmount) + " 元",
                    "Payments of " + Money.format(total) + " in all would exceed the approved "
                            + Money.format(d.approvedAmount));
        }
        d.paid = total;
        // a payment proves the reservation even before the budget's own answer arrives
        d.reservation = d.reservation.reserved().paymentSettled();
        ProcedureState to = total.compareTo(d.approvedAmount) == 0 ? ProcedureState.PAID : ProcedureState.PARTLY_PAID;
        return d.commit(
                ProcedureCommand.RECORD_PAYMENT,
                to,
                actor,
                at,
                h -> new ProcedureEvent.PaymentRecorded(h, reservationId, exact, total, d.approvedAmount));
    }

    ProcedureEvent.Closed close(Actor actor, Bilingual note, Instant at) {
        d.accept(ProcedureCommand.CLOSE, at);
        guards.requireSystemOrDepartmentReviewer(actor);
        // closing a partly paid award releases the rest, and the note says why
        Bilingual why = d.state == ProcedureState.PARTLY_PAID || note != null ? requireReasons(note, "note") : null;
        BigDecimal unpaid = d.approvedAmount.subtract(d.paid);
        d.outcome = why;
        return d.commit(
                ProcedureCommand.CLOSE,
                ProcedureState.CLOSED,
                actor,
                at,
                h -> new ProcedureEvent.Closed(h, why, unpaid));
    }

    ProcedureEvent.ClawedBack clawBack(Actor actor, BigDecimal amount, Bilingual reasons, Instant at) {
        d.accept(ProcedureCommand.CLAW_BACK, at);
        guards.requireDepartmentReviewer(actor);
        return clawedBack(actor, amount, reasons, at);
    }

    /**
     * Finance's recovery order, as disbursement announces it (ADR 0029): the award is clawed back
     * by the system on the order's word; the money is recovered, and the budget reversed, by
     * disbursement as it comes back.
     */
    ProcedureEvent.ClawedBack recordRecoveryOrder(Actor system, BigDecimal amount, Bilingual reasons, Instant at) {
        d.accept(ProcedureCommand.CLAW_BACK, at);
        guards.requireSystem(system);
        return clawedBack(system, amount, reasons, at);
    }

    private ProcedureEvent.ClawedBack clawedBack(Actor actor, BigDecimal amount, Bilingual reasons, Instant at) {
        BigDecimal exact = requireAmount(amount, "amount");
        if (exact.compareTo(d.paid) > 0) {
            throw unprocessable(
                    "CLAWBACK_ABOVE_PAID",
                    "amount",
                    "追回金额不得高于已拨付的 " + Money.format(d.paid) + " 元",
                    "No more than the " + Money.format(d.paid) + " paid can be clawed back");
        }
        Bilingual why = requireReasons(reasons, "reasons");
        d.clawedBack = exact;
        d.outcome = why;
        UUID reservationId = d.reservation == null ? null : d.reservation.id();
        return d.commit(
                ProcedureCommand.CLAW_BACK,
                ProcedureState.CLAWED_BACK,
                actor,
                at,
                h -> new ProcedureEvent.ClawedBack(h, exact, why, reservationId));
    }

    private void requireReservation(UUID reservationId) {
        if (d.reservation == null || !d.reservation.id().equals(reservationId)) {
            throw conflict(
                    "UNKNOWN_RESERVATION",
                    null,
                    "资金预留编号与本申请不符：" + reservationId,
                    "Reservation " + reservationId + " is not this application's");
        }
    }

    private void requireOpenReservation(UUID reservationId) {
        requireReservation(reservationId);
        if (d.reservation.status() != Reservation.Status.REQUESTED) {
            throw conflict("RESERVATION_ALREADY_CONFIRMED", null, "预算已确认该资金预留", "The budget already confirmed it");
        }
    }
}
