package io.grantflow.applications.domain.procedure;

import java.util.Objects;

/**
 * Who asks for a command: the user or client id, the role it acts in, a reviewer's department
 * and the enterprise an enterprise user acts for (the token's {@code department} and
 * {@code enterprise_id} claims). The procedure checks these itself, as domain rules, so that no
 * door (REST, a consumer, a job) can skip them.
 */
public record Actor(String id, ActorRole role, String department, String enterpriseId) {
    public Actor {
        requireText(id, "id");
        Objects.requireNonNull(role, "role");
        if (role == ActorRole.REVIEWER) {
            requireText(department, "department");
        }
        if (role == ActorRole.ENTERPRISE) {
            requireText(enterpriseId, "enterpriseId");
        }
    }

    public static Actor enterprise(String userId, String enterpriseId) {
        return new Actor(userId, ActorRole.ENTERPRISE, null, enterpriseId);
    }

    public static Actor reviewer(String id, String department) {
        return new Actor(id, ActorRole.REVIEWER, department, null);
    }

    public static Actor cityApprover(String id) {
        return new Actor(id, ActorRole.CITY_APPROVER, null, null);
    }

    public static Actor system(String service) {
        return new Actor(service, ActorRole.SYSTEM, null, null);
    }

    public static Actor of(String id, ActorRole role) {
        return new Actor(id, role, null, null);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an actor needs " + name);
        }
    }
}
