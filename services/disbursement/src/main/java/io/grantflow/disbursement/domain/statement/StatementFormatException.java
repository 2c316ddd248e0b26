package io.grantflow.disbursement.domain.statement;

import io.grantflow.platform.text.Bilingual;

/** A statement file that cannot be read: which field (with its line or entry) and why. */
public final class StatementFormatException extends RuntimeException {
    private final String field;
    private final String code;
    private final Bilingual text;

    public StatementFormatException(String field, String code, String zh, String en) {
        super(field + ": " + en);
        this.field = field;
        this.code = code;
        this.text = Bilingual.of(zh, en);
    }

    public String field() {
        return field;
    }

    public String code() {
        return code;
    }

    public Bilingual text() {
        return text;
    }
}
