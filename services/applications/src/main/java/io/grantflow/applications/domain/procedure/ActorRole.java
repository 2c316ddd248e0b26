package io.grantflow.applications.domain.procedure;

import java.util.Locale;

/** The roles of the realm (ADR 0005) as the procedure knows them, plus the services themselves. */
public enum ActorRole {
    ENTERPRISE,
    REVIEWER,
    /** 市政府审批: acts only on what awaits the city government's approval. */
    CITY_APPROVER,
    FINANCE,
    OPERATOR,
    ADMIN,
    /** A service acting on a message or a schedule (eligibility's answer, the budget, disbursement, the 公示 job). */
    SYSTEM;

    /** The realm role's name: {@code city_approver}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
