package io.grantflow.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the verified access token: roles, the enterprise an enterprise user acts
 * for ({@code enterprise_id}) and a reviewer's department ({@code department}).
 */
@RequestScoped
public class Caller {
    public static final String ENTERPRISE = "enterprise";
    public static final String REVIEWER = "reviewer";
    public static final String FINANCE = "finance";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";
    /** 市政府审批: acts only on what awaits the city government's approval. */
    public static final String CITY_APPROVER = "city_approver";

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public String name() {
        return identity.getPrincipal() == null
                ? "anonymous"
                : identity.getPrincipal().getName();
    }

    public Optional<String> enterpriseId() {
        return claim("enterprise_id");
    }

    public Optional<String> department() {
        return claim("department");
    }

    /** The client of a client-credentials token (Keycloak's {@code client_id}); absent for a person's token. */
    public Optional<String> clientId() {
        return claim("client_id");
    }

    public Optional<String> email() {
        return claim("email");
    }

    private Optional<String> claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim(name);
            String text = value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
            if (text != null && !text.isBlank()) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }
}
