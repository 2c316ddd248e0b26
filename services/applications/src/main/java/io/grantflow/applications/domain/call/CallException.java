package io.grantflow.applications.domain.call;

import io.grantflow.platform.text.Bilingual;

/** A call's rule refused: the code, the field it concerns (if any), why, and whether it is a conflict of state. */
public final class CallException extends RuntimeException {
    private final String code;
    private final String field;
    private final Bilingual text;
    private final boolean conflict;

    CallException(String code, String field, Bilingual text, boolean conflict) {
        super(code + ": " + text.en());
        this.code = code;
        this.field = field;
        this.text = text;
        this.conflict = conflict;
    }

    static CallException invalid(String code, String field, String zh, String en) {
        return new CallException(code, field, Bilingual.of(zh, en), false);
    }

    static CallException conflict(String code, String zh, String en) {
        return new CallException(code, null, Bilingual.of(zh, en), true);
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Bilingual text() {
        return text;
    }

    /** A state the call is in (409), rather than a request that is wrong (422). */
    public boolean conflict() {
        return conflict;
    }
}
