package io.grantflow.budget.rest;

import java.util.Set;

/** The codes a path may name: departments and districts of PROGRAMMES.md, the shape of a programme code. */
final class Codes {
    static final String PROGRAMME = "^S[0-9]{1,2}-[A-Z0-9-]+$";
    static final Set<String> DEPARTMENTS = Set.of("industry", "reform", "science", "data", "cyberspace", "trade");
    static final Set<String> DISTRICTS = Set.of("liangxi", "xishan", "huishan", "binhu", "xinwu", "jingkai", "jiangyin",
            "yixing");

    private Codes() {
    }
}
