package io.grantflow.applications.domain.procedure;

import io.grantflow.platform.money.Money;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A programme's procedure settings: configuration, not law (the departments' 实施细则 set them).
 * The procedure keeps the settings it started with, so a change applies to new applications
 * only.
 *
 * @param fourEyesAbove           a recommendation above this amount needs a second reviewer of the department
 * @param reviewWorkingDays       the department's review time limit (default 20 working days)
 * @param announcementWorkingDays the public announcement's period (default 5 working days)
 * @param overrides               the departures from the formula the text allows for this programme
 */
public record ProcedureSettings(
        BigDecimal fourEyesAbove, int reviewWorkingDays, int announcementWorkingDays, Set<OverrideKind> overrides) {
    public static final BigDecimal DEFAULT_FOUR_EYES_ABOVE = new BigDecimal("1000000.00");
    public static final int DEFAULT_REVIEW_WORKING_DAYS = 20;
    public static final int DEFAULT_ANNOUNCEMENT_WORKING_DAYS = 5;
    /** The defaults: four-eyes above 1,000,000.00 yuan, 20 working days of review, 5 of announcement, no override. */
    public static final ProcedureSettings DEFAULT = new ProcedureSettings(
            DEFAULT_FOUR_EYES_ABOVE, DEFAULT_REVIEW_WORKING_DAYS, DEFAULT_ANNOUNCEMENT_WORKING_DAYS, Set.of());

    public ProcedureSettings {
        fourEyesAbove = Money.exact(Objects.requireNonNull(fourEyesAbove, "fourEyesAbove"));
        if (reviewWorkingDays < 1 || reviewWorkingDays > 250) {
            throw new IllegalArgumentException("review working days from 1 to 250: " + reviewWorkingDays);
        }
        if (announcementWorkingDays < 1 || announcementWorkingDays > 60) {
            throw new IllegalArgumentException("announcement working days from 1 to 60: " + announcementWorkingDays);
        }
        overrides = overrides == null || overrides.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(overrides));
    }

    public ProcedureSettings withOverrides(Set<OverrideKind> kinds) {
        return new ProcedureSettings(fourEyesAbove, reviewWorkingDays, announcementWorkingDays, kinds);
    }

    public ProcedureSettings withFourEyesAbove(BigDecimal amount) {
        return new ProcedureSettings(amount, reviewWorkingDays, announcementWorkingDays, overrides);
    }

    public ProcedureSettings withReviewWorkingDays(int days) {
        return new ProcedureSettings(fourEyesAbove, days, announcementWorkingDays, overrides);
    }

    public ProcedureSettings withAnnouncementWorkingDays(int days) {
        return new ProcedureSettings(fourEyesAbove, reviewWorkingDays, days, overrides);
    }
}
