package io.grantflow.applications.domain.procedure;

import io.grantflow.platform.money.Money;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The eligibility service's answer (ApplicationEvaluatedV1) as the procedure keeps it: the
 * ceiling (absent when the programme names no amount, or when not eligible), the reviewing
 * department, the programme's flags, the catalogue version, the reasons and the departures from
 * the formula the catalogue allows for the programme ({@code overrides}: 一事一议 on a normal
 * evaluation, the catalogue's word, not this service's configuration). An override records the
 * evaluation it departs from. {@code revision} is the revision of the facts evaluated: 0 the
 * submission, n the facts as corrected in answer to the n-th correction notice (补正).
 */
public record Evaluation(
        boolean eligible,
        BigDecimal ceiling,
        String department,
        Set<ProgrammeFlag> flags,
        String catalogueVersion,
        List<Bilingual> reasons,
        Instant evaluatedAt,
        Set<OverrideKind> overrides,
        int revision) {
    /** An evaluation of the submission (revision 0). */
    public Evaluation(
            boolean eligible,
            BigDecimal ceiling,
            String department,
            Set<ProgrammeFlag> flags,
            String catalogueVersion,
            List<Bilingual> reasons,
            Instant evaluatedAt,
            Set<OverrideKind> overrides) {
        this(eligible, ceiling, department, flags, catalogueVersion, reasons, evaluatedAt, overrides, 0);
    }

    /** An evaluation of a programme that allows no override. */
    public Evaluation(
            boolean eligible,
            BigDecimal ceiling,
            String department,
            Set<ProgrammeFlag> flags,
            String catalogueVersion,
            List<Bilingual> reasons,
            Instant evaluatedAt) {
        this(eligible, ceiling, department, flags, catalogueVersion, reasons, evaluatedAt, Set.of());
    }

    public Evaluation {
        ceiling = ceiling == null ? null : Money.exact(ceiling);
        flags = flags == null || flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        // absent in a snapshot written before the catalogue published them: none
        overrides = overrides == null || overrides.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(overrides));
    }

    /** Whether the catalogue allows a departure of {@code kind} from this evaluation's formula. */
    public boolean allows(OverrideKind kind) {
        return kind != null && overrides.contains(kind);
    }

    public boolean hasCeiling() {
        return ceiling != null;
    }

    /** 经市政府同意 or 一事一议: the city government's approval comes before the money. */
    public boolean cityApprovalRequired() {
        return flags.contains(ProgrammeFlag.CITY_APPROVAL) || flags.contains(ProgrammeFlag.CASE_BY_CASE);
    }
}
