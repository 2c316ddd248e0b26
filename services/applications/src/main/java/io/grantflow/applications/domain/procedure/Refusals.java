package io.grantflow.applications.domain.procedure;

import io.grantflow.platform.text.Bilingual;

/** The three kinds of {@link ProcedureException} the procedure throws, so that each rule reads as one call. */
final class Refusals {
    private Refusals() {}

    static ProcedureException forbidden(String code, String zh, String en) {
        return new ProcedureException(ProcedureException.Kind.FORBIDDEN, code, null, Bilingual.of(zh, en));
    }

    static ProcedureException conflict(String code, String field, String zh, String en) {
        return new ProcedureException(ProcedureException.Kind.CONFLICT, code, field, Bilingual.of(zh, en));
    }

    static ProcedureException unprocessable(String code, String field, String zh, String en) {
        return new ProcedureException(ProcedureException.Kind.UNPROCESSABLE, code, field, Bilingual.of(zh, en));
    }
}
