package io.grantflow.applications.domain.procedure;

import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A department's proposed award: the amount, the reasons, who proposed it and when, the
 * override it rests on (if it exceeds the ceiling), and the second reviewer who confirmed it
 * when it needed one.
 *
 * @param needsConfirmation above the four-eyes threshold, or a programme without a ceiling
 * @param confirmedBy       the second reviewer; absent until confirmed, and for one that needed none
 */
public record Recommendation(
        BigDecimal amount,
        Bilingual reasons,
        String recommendedBy,
        Instant recommendedAt,
        CeilingOverride override,
        boolean needsConfirmation,
        String confirmedBy,
        Instant confirmedAt) {
    public Recommendation confirmed(String by, Instant at) {
        return new Recommendation(amount, reasons, recommendedBy, recommendedAt, override, needsConfirmation, by, at);
    }

    /** Whether the city government must approve it: an override always does. */
    public boolean overridesCeiling() {
        return override != null;
    }
}
