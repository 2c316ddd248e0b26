package io.grantflow.budget.domain;

/**
 * The kinds of ledger entry. Balances are derived from them: pending = RESERVE − POST − RELEASE
 * − VOID − EXPIRE (each POST entry carries what was spent; the rest of an instalment is a
 * RELEASE), posted = POST − REVERSE.
 */
public enum EntryKind {
    RESERVE,
    POST,
    RELEASE,
    VOID,
    EXPIRE,
    REVERSE
}
