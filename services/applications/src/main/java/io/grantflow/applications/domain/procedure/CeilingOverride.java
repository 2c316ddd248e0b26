package io.grantflow.applications.domain.procedure;

import io.grantflow.platform.text.Bilingual;
import java.util.Objects;

/**
 * A recommendation above the evaluated ceiling (一事一议 on a normal evaluation): the kind of
 * departure the text allows, the reviewer's written justification, and the evaluation it departs
 * from (recorded by the procedure itself, never taken from the request). It always needs the
 * city government's approval.
 */
public record CeilingOverride(OverrideKind kind, Bilingual justification, Evaluation departsFrom) {
    public CeilingOverride {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(departsFrom, "departsFrom");
    }

    /** What a reviewer asks for; the procedure adds the evaluation. */
    public record Request(OverrideKind kind, Bilingual justification) {}
}
