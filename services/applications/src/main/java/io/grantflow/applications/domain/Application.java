package io.grantflow.applications.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An application for one programme and its review: the status machine and the amount rules
 * (a reviewer of the programme's department approves at most the evaluated ceiling).
 */
public final class Application {
    private final UUID id;
    private final String applicantId;
    private final String programme;
    private ApplicationStatus status;
    private BigDecimal ceiling;
    private String department;
    private BigDecimal approvedAmount;
    private BigDecimal paidAmount;
    private UUID reservationId;
    private String reasonZh;
    private String reasonEn;
    private Instant updatedAt;

    public Application(
            UUID id,
            String applicantId,
            String programme,
            ApplicationStatus status,
            BigDecimal ceiling,
            String department,
            BigDecimal approvedAmount,
            BigDecimal paidAmount,
            UUID reservationId,
            String reasonZh,
            String reasonEn,
            Instant updatedAt) {
        this.id = Objects.requireNonNull(id);
        this.applicantId = Objects.requireNonNull(applicantId);
        this.programme = Objects.requireNonNull(programme);
        this.status = Objects.requireNonNull(status);
        this.ceiling = ceiling;
        this.department = department;
        this.approvedAmount = approvedAmount;
        this.paidAmount = paidAmount;
        this.reservationId = reservationId;
        this.reasonZh = reasonZh;
        this.reasonEn = reasonEn;
        this.updatedAt = updatedAt;
    }

    public static Application submit(UUID id, String applicantId, String programme, Instant at) {
        return new Application(
                id, applicantId, programme, ApplicationStatus.SUBMITTED, null, null, null, null, null, null, null, at);
    }

    /** Eligibility answered: eligible with a ceiling (absent when the programme names no amount), or not. */
    public void evaluated(
            boolean eligible, BigDecimal ceiling, String department, String reasonZh, String reasonEn, Instant at) {
        move(eligible ? ApplicationStatus.ELIGIBLE : ApplicationStatus.INELIGIBLE, at);
        this.ceiling = ceiling;
        this.department = department;
        this.reasonZh = reasonZh;
        this.reasonEn = reasonEn;
    }

    /** A reviewer approves an amount; returns the id of the reservation the budget must make. */
    public UUID approve(BigDecimal amount, String reviewerDepartment, Instant at) {
        requireDepartment(reviewerDepartment);
        requireStatus(ApplicationStatus.ELIGIBLE);
        if (amount.signum() <= 0) {
            throw new ApplicationRuleException(
                    ApplicationRuleException.Kind.UNPROCESSABLE,
                    "AMOUNT_NOT_POSITIVE",
                    "amount",
                    "核定金额须大于零",
                    "The approved amount must be positive");
        }
        if (ceiling != null && amount.compareTo(ceiling) > 0) {
            throw new ApplicationRuleException(
                    ApplicationRuleException.Kind.UNPROCESSABLE,
                    "AMOUNT_ABOVE_CEILING",
                    "amount",
                    "核定金额不得高于测算上限 " + ceiling.toPlainString() + " 元",
                    "The approved amount may not exceed the ceiling of " + ceiling.toPlainString());
        }
        move(ApplicationStatus.APPROVED, at);
        this.approvedAmount = amount;
        this.reservationId = UUID.randomUUID();
        this.reasonZh = null;
        this.reasonEn = null;
        return reservationId;
    }

    public void reject(String reviewerDepartment, String reasonZh, String reasonEn, Instant at) {
        requireDepartment(reviewerDepartment);
        requireStatus(ApplicationStatus.ELIGIBLE);
        move(ApplicationStatus.REJECTED, at);
        this.reasonZh = reasonZh;
        this.reasonEn = reasonEn;
    }

    public void fundsReserved(UUID reservation, Instant at) {
        requireReservation(reservation);
        move(ApplicationStatus.FUNDS_RESERVED, at);
    }

    public void budgetRefused(UUID reservation, String reasonZh, String reasonEn, Instant at) {
        requireReservation(reservation);
        move(ApplicationStatus.BUDGET_REFUSED, at);
        this.reasonZh = reasonZh;
        this.reasonEn = reasonEn;
    }

    public void paid(UUID reservation, BigDecimal amount, Instant at) {
        requireReservation(reservation);
        move(ApplicationStatus.PAID, at);
        this.paidAmount = amount;
    }

    public void paymentFailed(UUID reservation, String reasonZh, String reasonEn, Instant at) {
        requireReservation(reservation);
        move(ApplicationStatus.PAYMENT_FAILED, at);
        this.reasonZh = reasonZh;
        this.reasonEn = reasonEn;
    }

    private void requireDepartment(String reviewerDepartment) {
        if (department == null) {
            throw new ApplicationRuleException(
                    ApplicationRuleException.Kind.CONFLICT,
                    "NOT_EVALUATED",
                    "status",
                    "申请尚未完成资格审核，暂不能审核",
                    "The application has not been evaluated yet");
        }
        if (!department.equals(reviewerDepartment)) {
            throw new ApplicationRuleException(
                    ApplicationRuleException.Kind.FORBIDDEN,
                    "WRONG_DEPARTMENT",
                    null,
                    "该申请由" + department + "部门审核",
                    "This application is reviewed by department " + department);
        }
    }

    private void requireStatus(ApplicationStatus expected) {
        if (status != expected) {
            throw new ApplicationRuleException(
                    ApplicationRuleException.Kind.CONFLICT,
                    "INVALID_STATUS",
                    "status",
                    "申请当前状态为" + status.labelZh() + "，不能执行此操作",
                    "The application is " + status + "; this action needs " + expected);
        }
    }

    private void requireReservation(UUID reservation) {
        if (reservationId == null || !reservationId.equals(reservation)) {
            throw new ApplicationRuleException(
                    ApplicationRuleException.Kind.CONFLICT,
                    "UNKNOWN_RESERVATION",
                    null,
                    "资金预留编号不符",
                    "Reservation " + reservation + " is not this application's");
        }
    }

    private void move(ApplicationStatus target, Instant at) {
        if (!status.canMoveTo(target)) {
            throw new ApplicationRuleException(
                    ApplicationRuleException.Kind.CONFLICT,
                    "INVALID_TRANSITION",
                    "status",
                    "申请状态不能从" + status.labelZh() + "变为" + target.labelZh(),
                    "An application cannot move from " + status + " to " + target);
        }
        status = target;
        updatedAt = at;
    }

    public UUID id() {
        return id;
    }

    public String applicantId() {
        return applicantId;
    }

    public String programme() {
        return programme;
    }

    public ApplicationStatus status() {
        return status;
    }

    public BigDecimal ceiling() {
        return ceiling;
    }

    public String department() {
        return department;
    }

    public BigDecimal approvedAmount() {
        return approvedAmount;
    }

    public BigDecimal paidAmount() {
        return paidAmount;
    }

    public UUID reservationId() {
        return reservationId;
    }

    public String reasonZh() {
        return reasonZh;
    }

    public String reasonEn() {
        return reasonEn;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
