package io.grantflow.disbursement.domain.statement;

import io.grantflow.platform.text.Bilingual;
import java.util.List;

/**
 * A statement file that cannot be read: each fault found, which field (with its line or entry)
 * and why. A file is read to its end where it can be, so that one answer names every fault.
 */
public final class StatementFormatException extends RuntimeException {
    /** One fault: the field (with its line or entry), a code, and why. */
    public record Fault(String field, String code, Bilingual text) {}

    private final List<Fault> faults;

    public StatementFormatException(String field, String code, String zh, String en) {
        this(List.of(new Fault(field, code, Bilingual.of(zh, en))));
    }

    public StatementFormatException(List<Fault> faults) {
        super(faults.get(0).field() + ": " + faults.get(0).text().en()
                + (faults.size() > 1 ? " (and " + (faults.size() - 1) + " more)" : ""));
        this.faults = List.copyOf(faults);
    }

    public List<Fault> faults() {
        return faults;
    }

    public String field() {
        return faults.get(0).field();
    }

    public String code() {
        return faults.get(0).code();
    }

    public Bilingual text() {
        return faults.get(0).text();
    }
}
