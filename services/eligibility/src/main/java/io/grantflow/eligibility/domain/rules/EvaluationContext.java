package io.grantflow.eligibility.domain.rules;

import io.grantflow.eligibility.domain.Applicant;
import io.grantflow.eligibility.domain.BudgetLimit;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.ReasonCode;
import io.grantflow.eligibility.domain.Trace;
import io.grantflow.eligibility.domain.TraceText;
import io.grantflow.eligibility.domain.catalogue.DatedValue;
import io.grantflow.eligibility.domain.catalogue.Decimals;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import io.grantflow.eligibility.domain.catalogue.Ref;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the rules of one evaluation read (the programme, the date, the applicant, the facts, the
 * history) and what they leave (reasons, trace steps, the facts missing, the limits the budget
 * must hold). One context per evaluation, never shared between threads.
 */
public final class EvaluationContext {
    private final Policy policy;
    private final ProgrammeDef programme;
    private final LocalDate asOf;
    private final LocalDate parameterDate;
    private final Applicant applicant;
    private final Map<String, Object> facts;
    private final List<HistoryItem> history;
    private List<HistoryItem> mine;
    private final List<ReasonCode> reasons = new ArrayList<>(4);
    /** The reasons found, one bit per code: asked after every rule. */
    private int reasonBits;

    private final Trace trace = new Trace();
    private final List<String> missing = new ArrayList<>(2);
    private final List<BudgetLimit> claims = new ArrayList<>(4);
    private boolean partUsedByHistory;

    public EvaluationContext(
            Policy policy,
            ProgrammeDef programme,
            LocalDate asOf,
            Applicant applicant,
            Map<String, Object> facts,
            List<HistoryItem> history) {
        this.policy = policy;
        this.programme = programme;
        this.asOf = asOf;
        // parameters are read inside the validity, so that an application outside it still gets
        // every other reason explained
        this.parameterDate = asOf.isBefore(policy.validFrom())
                ? policy.validFrom()
                : asOf.isAfter(policy.validTo()) ? policy.validTo() : asOf;
        this.applicant = applicant;
        this.facts = facts;
        this.history = history;
    }

    /**
     * A value read by a rule, with the clause it comes from and, for the trace, from when it is in
     * force: {@code note} is the dated value itself (worded only when the trace is read) or
     * {@link TraceText.Note#NONE} for a literal of the rule.
     */
    public record Resolved<T>(T value, String reference, Object note) {}

    public Policy policy() {
        return policy;
    }

    public ProgrammeDef programme() {
        return programme;
    }

    public LocalDate asOf() {
        return asOf;
    }

    public int year() {
        return asOf.getYear();
    }

    public LocalDate parameterDate() {
        return parameterDate;
    }

    public Applicant applicant() {
        return applicant;
    }

    public Object fact(String name) {
        return facts.get(name);
    }

    /** A numeric fact, zero when absent. */
    public BigDecimal amount(String fact) {
        BigDecimal d = Decimals.decimal(facts.get(fact));
        return d == null ? BigDecimal.ZERO : d;
    }

    public List<HistoryItem> history() {
        return history;
    }

    /** This policy's awards of this programme to the applicant. */
    public List<HistoryItem> mine() {
        if (mine == null) {
            List<HistoryItem> found = List.of();
            for (HistoryItem h : history) {
                if (h.ofThisPolicy() && programme.code().equals(h.programme())) {
                    if (found.isEmpty()) {
                        found = new ArrayList<>(2);
                    }
                    found.add(h);
                }
            }
            mine = found;
        }
        return mine;
    }

    /** Whether a past award was for the same subject: the same value (as text) of every key fact. */
    public boolean sameSubject(HistoryItem item, List<String> keys) {
        for (String key : keys) {
            Object ours = facts.get(key);
            Object theirs = item.facts() == null ? null : item.facts().get(key);
            if (!Objects.equals(ours == null ? null : ours.toString(), theirs == null ? null : theirs.toString())) {
                return false;
            }
        }
        return true;
    }

    public static BigDecimal sum(List<HistoryItem> items) {
        BigDecimal total = BigDecimal.ZERO;
        for (HistoryItem h : items) {
            if (h.amount() != null) {
                total = total.add(h.amount());
            }
        }
        return total;
    }

    /** The value of a reference on the parameter date; the loader made sure there is one. */
    public <T> Resolved<T> resolve(Ref<T> ref) {
        if (ref.parameter() == null) {
            return new Resolved<>(ref.literal(), programme.reference(), TraceText.Note.NONE);
        }
        DatedValue<T> v = ref.parameter().valueAt(parameterDate);
        if (v == null) {
            throw new IllegalStateException(programme.code() + ": parameter "
                    + ref.parameter().name() + " has no value in force on " + parameterDate);
        }
        return new Resolved<>(v.value(), v.reference(), v);
    }

    /** The trace argument that notes from when a value is in force (none for no value). */
    public static Object note(DatedValue<?> v) {
        return v == null ? TraceText.Note.NONE : v;
    }

    // ---- what the rules leave ------------------------------------------------------------------

    public void reason(ReasonCode reason) {
        int bit = 1 << reason.ordinal();
        if ((reasonBits & bit) == 0) {
            reasonBits |= bit;
            reasons.add(reason);
        }
    }

    public boolean has(ReasonCode reason) {
        return (reasonBits & 1 << reason.ordinal()) != 0;
    }

    public List<ReasonCode> reasons() {
        return reasons;
    }

    public void step(TraceText text, String clause, Object... args) {
        trace.add(text, clause, args);
    }

    public Trace trace() {
        return trace;
    }

    public void missing(String fact) {
        missing.add(fact);
    }

    public List<String> missing() {
        return missing;
    }

    /** A limit the budget must hold if the application is eligible. */
    public void claim(BudgetLimit limit) {
        claims.add(limit);
    }

    public List<BudgetLimit> claims() {
        return claims;
    }

    /** A part of a sum was skipped because the history already used it. */
    public void partUsedByHistory() {
        partUsedByHistory = true;
    }

    public boolean wasPartUsedByHistory() {
        return partUsedByHistory;
    }
}
