package io.grantflow.disbursement.statement;

import io.grantflow.disbursement.domain.statement.StatementFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The faults of one statement file as it is read: each field is read on its own, so that a file
 * with several faults is answered with all of them (up to {@link #MAX}), not the first alone.
 */
final class Faults {
    /** The most faults one answer lists: enough to mend a file, bounded so an answer stays small. */
    static final int MAX = 50;

    private final List<StatementFormatException.Fault> found = new ArrayList<>();

    /** The value {@code read} gives, or null with its faults noted. */
    <T> T read(Supplier<T> read) {
        try {
            return read.get();
        } catch (StatementFormatException e) {
            add(e);
            return null;
        }
    }

    void add(StatementFormatException e) {
        for (StatementFormatException.Fault f : e.faults()) {
            if (found.size() < MAX) {
                found.add(f);
            }
        }
    }

    void add(String field, String code, String zh, String en) {
        add(new StatementFormatException(field, code, zh, en));
    }

    int count() {
        return found.size();
    }

    boolean full() {
        return found.size() >= MAX;
    }

    /** Throws every fault found, if any. */
    void check() {
        if (!found.isEmpty()) {
            throw new StatementFormatException(found);
        }
    }
}
