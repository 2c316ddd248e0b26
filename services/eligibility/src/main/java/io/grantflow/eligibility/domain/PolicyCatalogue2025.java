package io.grantflow.eligibility.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The Wuxi 2025 "AI+" policy as far as the walking skeleton needs it. The catalogue as dated
 * data with a reference per parameter replaces this with the rules-engine issue.
 */
public final class PolicyCatalogue2025 {
    public static final String VERSION = "2025.1-skeleton";

    private PolicyCatalogue2025() {
    }

    public static Catalogue load() {
        return new Catalogue(VERSION, LocalDate.of(2025, 5, 23), LocalDate.of(2027, 12, 31),
                Set.of("liangxi", "xishan", "huishan", "binhu", "xinwu", "jingkai"),
                List.of(new Programme("S4-EDGE-COMPUTE", "边缘智能算力建设补助", "Edge intelligent compute purchases",
                        "industry", Set.of("enterprise", "park_operator"), "edge_purchase_cost",
                        new BigDecimal("0.30"), new BigDecimal("1000000.00"),
                        "四、推动智能算力建设 第2段第1句：按其采购……产品费用的30%给予补助，最高100万元")));
    }
}
