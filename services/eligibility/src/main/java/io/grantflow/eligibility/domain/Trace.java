package io.grantflow.eligibility.domain;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An evaluation's trace as the rules recorded it: each step's wording, clause and arguments. The
 * sentences are rendered from {@link TraceText} when a step is read, so that screening many
 * profiles builds every step with its numbers without writing prose nobody reads.
 */
public final class Trace extends AbstractList<TraceStep> implements RandomAccess {
    private record Step(TraceText text, String clause, Object[] args) {}

    private final List<Step> steps = new ArrayList<>(8);
    private boolean frozen;

    /** Records a step; the arguments are values (numbers, names, immutable lists), not sentences. */
    public void add(TraceText text, String clause, Object... args) {
        if (frozen) {
            throw new IllegalStateException("the trace of a finished evaluation is read-only");
        }
        steps.add(new Step(text, clause, args));
    }

    public Trace freeze() {
        frozen = true;
        return this;
    }

    @Override
    public TraceStep get(int index) {
        Step s = steps.get(index);
        return s.text().step(s.clause(), s.args());
    }

    @Override
    public int size() {
        return steps.size();
    }
}
