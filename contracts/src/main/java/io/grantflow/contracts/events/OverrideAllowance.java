package io.grantflow.contracts.events;

import java.util.List;

/**
 * A departure from a programme's formula that the policy text allows (一事一议 on a normal
 * evaluation): a reviewer may propose more than the evaluated ceiling only through an override of
 * a kind the catalogue allows for the programme, with a written justification and the city's
 * approval. Published with each evaluation ({@link ApplicationEvaluatedV1#overrides()}).
 *
 * @param kind      one of {@link #KINDS}
 * @param reference where in the policy text the departure is allowed
 */
public record OverrideAllowance(String kind, String reference) {
    /** 三、“特别重大的项目可适当上浮”. */
    public static final String MAJOR_RD_PROJECT = "MAJOR_RD_PROJECT";
    /** 三、重大载体平台“一事一议”. */
    public static final String MAJOR_CARRIER_PLATFORM = "MAJOR_CARRIER_PLATFORM";
    /** 四、重点算力项目“一事一议”. */
    public static final String KEY_COMPUTE_PROJECT = "KEY_COMPUTE_PROJECT";

    public static final List<String> KINDS = List.of(MAJOR_RD_PROJECT, MAJOR_CARRIER_PLATFORM, KEY_COMPUTE_PROJECT);
}
