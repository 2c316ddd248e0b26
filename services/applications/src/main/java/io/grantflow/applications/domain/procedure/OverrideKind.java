package io.grantflow.applications.domain.procedure;

import io.grantflow.platform.text.Bilingual;

/**
 * The departures from a formula the policy text allows (一事一议 on a normal evaluation), named as
 * contracts' {@code OverrideAllowance.KINDS}. Which programme allows which is the catalogue's word,
 * carried by each evaluation ({@link Evaluation#overrides()}), not a list of programme codes here.
 */
public enum OverrideKind {
    /** 三、“特别重大的项目可适当上浮” (S3-KEY-TECH-RD). */
    MAJOR_RD_PROJECT("特别重大的研发项目适当上浮", "Exceptionally major R&D project raised above the tier cap"),
    /** 三、“重大平台‘一事一议’” (S3-CARRIER-PLATFORM). */
    MAJOR_CARRIER_PLATFORM("重大载体平台一事一议", "Major carrier platform, case by case"),
    /** 四、“重点项目可‘一事一议’” (S4-COMPUTE-CLUSTER). */
    KEY_COMPUTE_PROJECT("重点算力项目一事一议", "Key computing project, case by case");

    private final Bilingual label;

    OverrideKind(String zh, String en) {
        this.label = Bilingual.of(zh, en);
    }

    public Bilingual label() {
        return label;
    }
}
