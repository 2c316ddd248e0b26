package io.grantflow.budget.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A pending transfer of an award across every account it touches, with one instalment per fiscal
 * year. Resolved at most once per instalment; the reservation is resolved when every instalment
 * is. A refused reservation holds nothing and keeps its refusal, which a replay returns.
 */
public final class Reservation {
    private final ReservationRequest request;
    private final String fingerprint;
    private final List<Leg> legs;
    private final List<InstalmentState> instalments;
    private final Refusal refusal;
    private final Instant createdAt;
    private TransferStatus status;
    private Instant resolvedAt;
    private boolean changed;

    public Reservation(
            ReservationRequest request,
            String fingerprint,
            List<Leg> legs,
            List<InstalmentState> instalments,
            Refusal refusal,
            TransferStatus status,
            Instant createdAt,
            Instant resolvedAt) {
        this.request = request;
        this.fingerprint = fingerprint;
        this.legs = List.copyOf(legs);
        this.instalments = List.copyOf(instalments);
        this.refusal = refusal;
        this.status = status;
        this.createdAt = createdAt;
        this.resolvedAt = resolvedAt;
    }

    public ReservationRequest request() {
        return request;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public List<Leg> legs() {
        return legs;
    }

    public List<InstalmentState> instalments() {
        return instalments;
    }

    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    public TransferStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public Optional<InstalmentState> instalment(int fiscalYear) {
        return instalments.stream().filter(i -> i.fiscalYear() == fiscalYear).findFirst();
    }

    /** The earliest instalment still pending. */
    public Optional<InstalmentState> nextPending() {
        return instalments.stream()
                .filter(i -> i.status() == TransferStatus.PENDING)
                .findFirst();
    }

    public long posted() {
        return instalments.stream().mapToLong(InstalmentState::posted).sum();
    }

    public long reversed() {
        return instalments.stream().mapToLong(InstalmentState::reversed).sum();
    }

    public long pendingAmount() {
        return instalments.stream()
                .filter(i -> i.status() == TransferStatus.PENDING)
                .mapToLong(InstalmentState::amount)
                .sum();
    }

    /** Whether this reservation changed in the current batch (and must be written). */
    public boolean changed() {
        return changed;
    }

    void touch() {
        changed = true;
    }

    void settle(Instant at) {
        if (instalments.stream().allMatch(i -> i.status().isResolved())) {
            boolean anyPosted = instalments.stream().anyMatch(i -> i.status() == TransferStatus.POSTED);
            status = anyPosted
                    ? TransferStatus.POSTED
                    : instalments.stream().anyMatch(i -> i.status() == TransferStatus.EXPIRED)
                            ? TransferStatus.EXPIRED
                            : TransferStatus.VOIDED;
            resolvedAt = at;
        }
        changed = true;
    }
}
