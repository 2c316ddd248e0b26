package io.grantflow.applications.domain.procedure;

import io.grantflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * A programme's procedure settings: configuration, not law (the departments' 实施细则 set them).
 * The procedure keeps the settings it started with, so a change applies to new applications
 * only.
 *
 * @param fourEyesAbove           a recommendation above this amount needs a second reviewer of the department
 * @param reviewWorkingDays       the department's review time limit (default 20 working days)
 * @param announcementWorkingDays the public announcement's period (default 5 working days)
 * @param demoAnnouncementPeriod  for a local demonstration only, never in production: the
 *                                announcement closes this long after it is published (1 minute
 *                                to 1 day) instead of after its working days; null as the law has it
 */
public record ProcedureSettings(
        BigDecimal fourEyesAbove, int reviewWorkingDays, int announcementWorkingDays, Duration demoAnnouncementPeriod) {
    public static final BigDecimal DEFAULT_FOUR_EYES_ABOVE = new BigDecimal("1000000.00");
    public static final int DEFAULT_REVIEW_WORKING_DAYS = 20;
    public static final int DEFAULT_ANNOUNCEMENT_WORKING_DAYS = 5;
    /** The defaults: four-eyes above 1,000,000.00 yuan, 20 working days of review, 5 of announcement. */
    public static final ProcedureSettings DEFAULT = new ProcedureSettings(
            DEFAULT_FOUR_EYES_ABOVE, DEFAULT_REVIEW_WORKING_DAYS, DEFAULT_ANNOUNCEMENT_WORKING_DAYS);

    public ProcedureSettings {
        fourEyesAbove = Money.exact(Objects.requireNonNull(fourEyesAbove, "fourEyesAbove"));
        if (reviewWorkingDays < 1 || reviewWorkingDays > 250) {
            throw new IllegalArgumentException("review working days from 1 to 250: " + reviewWorkingDays);
        }
        if (announcementWorkingDays < 1 || announcementWorkingDays > 60) {
            throw new IllegalArgumentException("announcement working days from 1 to 60: " + announcementWorkingDays);
        }
        if (demoAnnouncementPeriod != null
                && (demoAnnouncementPeriod.compareTo(Duration.ofMinutes(1)) < 0
                        || demoAnnouncementPeriod.compareTo(Duration.ofDays(1)) > 0)) {
            throw new IllegalArgumentException(
                    "a demonstration's announcement from 1 minute to 1 day: " + demoAnnouncementPeriod);
        }
    }

    public ProcedureSettings(BigDecimal fourEyesAbove, int reviewWorkingDays, int announcementWorkingDays) {
        this(fourEyesAbove, reviewWorkingDays, announcementWorkingDays, null);
    }

    public ProcedureSettings withFourEyesAbove(BigDecimal amount) {
        return new ProcedureSettings(amount, reviewWorkingDays, announcementWorkingDays, demoAnnouncementPeriod);
    }

    public ProcedureSettings withReviewWorkingDays(int days) {
        return new ProcedureSettings(fourEyesAbove, days, announcementWorkingDays, demoAnnouncementPeriod);
    }

    public ProcedureSettings withAnnouncementWorkingDays(int days) {
        return new ProcedureSettings(fourEyesAbove, reviewWorkingDays, days, demoAnnouncementPeriod);
    }

    public ProcedureSettings withDemoAnnouncementPeriod(Duration period) {
        return new ProcedureSettings(fourEyesAbove, reviewWorkingDays, announcementWorkingDays, period);
    }
}
