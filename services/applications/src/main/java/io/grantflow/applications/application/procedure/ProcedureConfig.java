package io.grantflow.applications.application.procedure;

import io.grantflow.applications.domain.procedure.ProcedureSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * The procedure's settings ({@code grantflow.procedure.*}): configuration of the departments'
 * 实施细则, not law. An application keeps the settings it started with.
 */
@ConfigMapping(prefix = "grantflow.procedure")
public interface ProcedureConfig {
    /** A recommendation above this amount (yuan) needs a second reviewer of the department. */
    @WithDefault("1000000.00")
    BigDecimal fourEyesAbove();

    /** The department's review time limit, in working days. */
    @WithDefault("20")
    int reviewWorkingDays();

    /** The public announcement's period, in working days. */
    @WithDefault("5")
    int announcementWorkingDays();

    /**
     * For a local demonstration only (deploy/local/start.sh with
     * {@code GRANTFLOW_PROCEDURE_DEMO_ANNOUNCEMENT_PERIOD=PT3M}), never in production: the
     * announcement closes this long after it is published, so that a demo reaches payment today.
     */
    Optional<Duration> demoAnnouncementPeriod();

    /** How often the deadline job looks for announcements whose period is over. */
    @WithDefault("30s")
    Duration deadlineJobEvery();

    /** How many announcements the job closes in one run at most (the rest wait for the next). */
    @WithDefault("200")
    int deadlineJobBatch();

    /** The settings a new application of {@code programme} starts with. */
    default ProcedureSettings settingsFor(String programme) {
        return new ProcedureSettings(
                fourEyesAbove(),
                reviewWorkingDays(),
                announcementWorkingDays(),
                demoAnnouncementPeriod().orElse(null));
    }
}
