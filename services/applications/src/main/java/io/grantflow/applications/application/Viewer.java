package io.grantflow.applications.application;

import java.util.Set;

/**
 * Who is looking, as the application layer needs it: enterprises see their own applications,
 * reviewers their department's, finance, operators and admins all.
 */
public record Viewer(String name, Set<String> roles, String enterpriseId, String department) {
    public boolean seesAll() {
        return roles.contains("finance") || roles.contains("operator") || roles.contains("admin");
    }

    public boolean isReviewer() {
        return roles.contains("reviewer");
    }

    /** 市政府审批: sees only what awaits the city government's approval. */
    public boolean isCityApprover() {
        return roles.contains("city_approver");
    }

    public boolean isEnterprise() {
        return roles.contains("enterprise");
    }

    /**
     * Whether the viewer may read what belongs to an application of {@code applicantId} in
     * {@code department} (null before the evaluation named it): the applicant, a reviewer of that
     * department, finance, operators and admins.
     */
    public boolean mayRead(String applicantId, String department) {
        if (seesAll()) {
            return true;
        }
        if (isReviewer() && department != null && department.equals(this.department)) {
            return true;
        }
        return isEnterprise() && applicantId != null && applicantId.equals(enterpriseId);
    }
}
