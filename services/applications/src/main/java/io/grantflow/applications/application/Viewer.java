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

    public boolean isEnterprise() {
        return roles.contains("enterprise");
    }
}
