package io.grantflow.budget.domain;

/** One fiscal year's part of a reservation and how it was resolved. */
public final class InstalmentState {
    private final int fiscalYear;
    private final long amount;
    private TransferStatus status;
    private long posted;
    private long reversed;
    private String paymentId;
    private String condition;

    public InstalmentState(int fiscalYear, long amount, TransferStatus status, long posted, long reversed) {
        this(fiscalYear, amount, status, posted, reversed, null);
    }

    public InstalmentState(
            int fiscalYear, long amount, TransferStatus status, long posted, long reversed, String paymentId) {
        this.fiscalYear = fiscalYear;
        this.amount = amount;
        this.status = status;
        this.posted = posted;
        this.reversed = reversed;
        this.paymentId = paymentId;
    }

    /** The condition of its payment, as requested (null where none was named). */
    public String condition() {
        return condition;
    }

    /** This instalment with the condition its request named; returns itself. */
    public InstalmentState withCondition(String requested) {
        condition = requested;
        return this;
    }

    /** The payment that posted this instalment, if it came from one. */
    public String paymentId() {
        return paymentId;
    }

    void paidBy(String id) {
        paymentId = id;
    }

    public int fiscalYear() {
        return fiscalYear;
    }

    public long amount() {
        return amount;
    }

    public TransferStatus status() {
        return status;
    }

    public long posted() {
        return posted;
    }

    public long reversed() {
        return reversed;
    }

    void resolve(TransferStatus to, long spent) {
        status = to;
        posted = spent;
    }

    void addReversed(long amount) {
        reversed += amount;
    }
}
