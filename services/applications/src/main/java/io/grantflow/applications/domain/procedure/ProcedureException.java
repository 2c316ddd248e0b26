package io.grantflow.applications.domain.procedure;

import io.grantflow.platform.text.Bilingual;
import java.util.Objects;

/**
 * A command the procedure refuses, with a stable code, the field it concerns (if any) and the
 * message in Chinese and English. {@link Kind} says how the REST layer answers: 409, 403, 422.
 */
public class ProcedureException extends RuntimeException {
    /** How the refusal maps to HTTP. */
    public enum Kind {
        /** 409: the application's state does not allow it now. */
        CONFLICT,
        /** 403: this actor may not do it (role, department, ownership, four-eyes). */
        FORBIDDEN,
        /** 422: the command's content breaks a rule (amount, reasons, fields). */
        UNPROCESSABLE
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final Bilingual text;

    public ProcedureException(Kind kind, String code, String field, Bilingual text) {
        super(code + ": " + text.en());
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
        this.field = field;
        this.text = Objects.requireNonNull(text);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The request field the refusal concerns, or null. */
    public String field() {
        return field;
    }

    public Bilingual text() {
        return text;
    }
}
