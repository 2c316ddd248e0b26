package io.grantflow.budget.domain;

import java.util.Objects;

/**
 * A limit as a ledger account: {@code pending + posted} never exceeds {@code limit}. A limit of
 * {@code null} is a fiscal year whose total finance has not set yet: later instalments of staged
 * awards are committed against it and the total, once set, must cover them (ADR 0012). Amounts
 * are in the account's unit (fen, or awards).
 */
public final class Account {
    private final String id;
    private final AccountKind kind;
    private final Integer fiscalYear;
    private Long limit;
    private long pending;
    private long posted;
    private final boolean created;

    public Account(
            String id, AccountKind kind, Integer fiscalYear, Long limit, long pending, long posted, boolean created) {
        this.id = Objects.requireNonNull(id);
        this.kind = Objects.requireNonNull(kind);
        this.fiscalYear = fiscalYear;
        this.limit = limit;
        this.pending = pending;
        this.posted = posted;
        this.created = created;
        check();
    }

    /** An account that exists only in this batch so far. */
    public static Account open(String id, AccountKind kind, Integer fiscalYear, Long limit) {
        return new Account(id, kind, fiscalYear, limit, 0, 0, true);
    }

    public String id() {
        return id;
    }

    public AccountKind kind() {
        return kind;
    }

    public Integer fiscalYear() {
        return fiscalYear;
    }

    public Long limit() {
        return limit;
    }

    public long pending() {
        return pending;
    }

    public long posted() {
        return posted;
    }

    /** Whether this account was opened by the current batch (and must be inserted). */
    public boolean created() {
        return created;
    }

    public boolean limitSet() {
        return limit != null;
    }

    /** What the account can still take under {@code cap} as well as its own limit; MAX_VALUE when unlimited. */
    public long headroom(Long cap) {
        long effective = effectiveLimit(cap);
        return effective == Long.MAX_VALUE ? Long.MAX_VALUE : effective - pending - posted;
    }

    public long effectiveLimit(Long cap) {
        long own = limit == null ? Long.MAX_VALUE : limit;
        return cap == null ? own : Math.min(own, cap);
    }

    void reserve(long amount) {
        pending = Math.addExact(pending, amount);
        check();
    }

    void post(long reserved, long spent) {
        if (spent > reserved) {
            throw new IllegalStateException(id + ": cannot post " + spent + " of " + reserved);
        }
        pending -= reserved;
        posted = Math.addExact(posted, spent);
        check();
    }

    void release(long amount) {
        pending -= amount;
        check();
    }

    void reverse(long amount) {
        posted -= amount;
        check();
    }

    /** Finance sets the limit; never below what is already committed. */
    public boolean setLimit(long newLimit) {
        if (newLimit < 0 || newLimit < pending + posted) {
            return false;
        }
        limit = newLimit;
        return true;
    }

    private void check() {
        if (pending < 0 || posted < 0) {
            throw new IllegalStateException(id + " would go negative: pending " + pending + ", posted " + posted);
        }
        if (limit != null && pending + posted > limit) {
            throw new IllegalStateException(id + " would exceed its limit " + limit);
        }
    }
}
