package io.grantflow.notifications.domain;

import java.util.Locale;

/**
 * Whose inbox a notice lands in: an enterprise (its unified social credit code), a reviewing
 * department (its code: the department's inbox, shared by its reviewers), finance, or the city
 * approver. Finance and the city approver are one office each.
 */
public record Recipient(Kind kind, String id) {
    public enum Kind {
        ENTERPRISE,
        DEPARTMENT,
        FINANCE,
        CITY
    }

    public static final Recipient FINANCE = new Recipient(Kind.FINANCE, "finance");
    public static final Recipient CITY = new Recipient(Kind.CITY, "city");

    public Recipient {
        if (kind == null || id == null || id.isBlank() || id.length() > 64) {
            throw new IllegalArgumentException("a recipient needs a kind and an id of at most 64 characters");
        }
    }

    public static Recipient enterprise(String creditCode) {
        return new Recipient(Kind.ENTERPRISE, creditCode);
    }

    public static Recipient department(String code) {
        return new Recipient(Kind.DEPARTMENT, code);
    }

    /** The folder of the recipient kind's templates ({@code templates/notices/<folder>}). */
    public String templateFolder() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
