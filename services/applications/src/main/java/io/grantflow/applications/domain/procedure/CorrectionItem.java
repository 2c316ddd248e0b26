package io.grantflow.applications.domain.procedure;

import io.grantflow.platform.text.Bilingual;
import java.util.Objects;

/**
 * One item of a correction notice (补正): the field it concerns (a fact's name, an attachment's
 * type, a profile field), whether it is missing or wrong, and what the enterprise must do.
 */
public record CorrectionItem(String field, Problem problem, Bilingual explanation) {
    /** What is the matter with the field. */
    public enum Problem {
        MISSING,
        WRONG
    }

    public CorrectionItem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(explanation, "explanation");
    }
}
