package io.grantflow.budget.domain;

import java.util.Set;

/**
 * The codes of PROGRAMMES.md a budget request may name: departments, districts (G2), beneficiary
 * kinds and the shape of a programme code. One list for REST and Kafka alike.
 */
public final class PolicyCodes {
    public static final String PROGRAMME = "^S[0-9]{1,2}-[A-Z0-9-]+$";
    public static final Set<String> DEPARTMENTS = Set.of("industry", "reform", "science", "data", "cyberspace", "trade");
    public static final Set<String> DISTRICTS = Set.of("liangxi", "xishan", "huishan", "binhu", "xinwu", "jingkai",
            "jiangyin", "yixing");
    public static final Set<String> BENEFICIARY_KINDS = Set.of("enterprise", "university", "institute", "park_operator",
            "district", "association", "platform_operator");

    private PolicyCodes() {
    }
}
