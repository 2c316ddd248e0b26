package io.grantflow.notifications.rest;

import io.grantflow.notifications.domain.Recipient;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.security.Caller;

/**
 * Whose inbox a caller reads: an enterprise user its enterprise's ({@code enterprise_id}), a
 * reviewer its department's ({@code department}), finance the finance office's, the city
 * approver the city's. A caller with several of these roles reads the first of that order.
 */
final class Inboxes {
    /** The roles that have an inbox. */
    static final String[] ROLES = {Caller.ENTERPRISE, Caller.REVIEWER, Caller.FINANCE, Caller.CITY_APPROVER};

    private Inboxes() {}

    static Recipient of(Caller caller) {
        if (caller.hasRole(Caller.ENTERPRISE)) {
            return Recipient.enterprise(caller.enterpriseId()
                    .orElseThrow(() -> ProblemException.forbidden(
                            "NO_ENTERPRISE",
                            "账号未绑定企业",
                            "The account is not bound to an enterprise (enterprise_id claim)")));
        }
        if (caller.hasRole(Caller.REVIEWER)) {
            return Recipient.department(caller.department()
                    .orElseThrow(() -> ProblemException.forbidden(
                            "NO_DEPARTMENT",
                            "账号未绑定部门",
                            "The account is not bound to a department (department claim)")));
        }
        if (caller.hasRole(Caller.FINANCE)) {
            return Recipient.FINANCE;
        }
        if (caller.hasRole(Caller.CITY_APPROVER)) {
            return Recipient.CITY;
        }
        throw ProblemException.forbidden("NO_INBOX", "该账号没有消息中心", "This account has no inbox");
    }
}
