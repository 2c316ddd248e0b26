package io.grantflow.budget.domain;

/**
 * The approval a reservation traces back to: an application the applications service approved
 * ({@code APPLICATION}), or a district block grant (拨改转) that one finance officer proposed and
 * another approved ({@code BLOCK_GRANT}, four-eyes: never the same person).
 */
public record Approval(String origin, String proposedBy, String approvedBy) {
    public static final String APPLICATION = "APPLICATION";
    public static final String BLOCK_GRANT = "BLOCK_GRANT";
    public static final Approval OF_APPLICATION = new Approval(APPLICATION, null, null);

    public Approval {
        if (!APPLICATION.equals(origin) && !BLOCK_GRANT.equals(origin)) {
            throw new IllegalArgumentException("unknown origin: " + origin);
        }
        if (BLOCK_GRANT.equals(origin) && (proposedBy == null || approvedBy == null || proposedBy.equals(approvedBy))) {
            throw new IllegalArgumentException("a block grant needs two different finance officers");
        }
    }

    public static Approval blockGrant(String proposedBy, String approvedBy) {
        return new Approval(BLOCK_GRANT, proposedBy, approvedBy);
    }

    public boolean blockGrant() {
        return BLOCK_GRANT.equals(origin);
    }
}
