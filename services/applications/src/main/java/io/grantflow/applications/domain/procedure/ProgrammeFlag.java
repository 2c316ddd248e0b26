package io.grantflow.applications.domain.procedure;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** The catalogue's flags of a programme (ProgrammePublishedV1.flags) that change the procedure. */
public enum ProgrammeFlag {
    /** 择优: ranked inside a call; the ceiling is a ceiling. */
    ON_MERIT,
    /** 分年度/分阶段拨付: paid in instalments. */
    STAGED,
    /** 拨改转: a block to a district, proposed and approved by two finance officers in the budget (ADR 0013), never an application. */
    BLOCK_GRANT,
    /** 一事一议: no formula; always needs the city's approval. */
    CASE_BY_CASE,
    /** 经市政府同意: the city government consents before the money is committed. */
    CITY_APPROVAL;

    /** The flags of an evaluation or a published programme; an unknown flag is refused, not dropped. */
    public static Set<ProgrammeFlag> parse(Collection<String> codes) {
        EnumSet<ProgrammeFlag> flags = EnumSet.noneOf(ProgrammeFlag.class);
        if (codes != null) {
            codes.forEach(c -> flags.add(ProgrammeFlag.valueOf(c)));
        }
        return flags;
    }
}
