package io.grantflow.eligibility.domain.catalogue;

import java.util.List;

/** A limit that depends on the applicant's history of awards. */
public sealed interface Limit {
    /** One award per beneficiary and these facts (首次, 一次性). */
    record Once(List<String> per) implements Limit {
    }

    /** Per beneficiary per calendar year in this programme. */
    record AnnualCap(String amount) implements Limit {
    }

    /** Per subject (a fact such as platform_ref), ever. */
    record CumulativeCap(String per, String amount) implements Limit {
    }

    /** All awards of this programme to the beneficiary, ever. */
    record CombinedCap(String amount) implements Limit {
    }

    /** At most one award of the group per beneficiary and subject. */
    record ExclusiveGroup(String group, String per) implements Limit {
    }

    /** At most {@code max} awards per beneficiary per calendar year. */
    record AnnualCount(String max) implements Limit {
    }

    /** Awards in one scope must differ in this fact. */
    record Distinct(String per, String scope) implements Limit {
    }
}
