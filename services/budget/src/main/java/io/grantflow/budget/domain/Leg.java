package io.grantflow.budget.domain;

/**
 * One account a reservation holds money (or a count) on. A budget leg belongs to one fiscal
 * year's instalment ({@code fiscalYear} set); an award leg holds the whole award
 * ({@code fiscalYear} null). {@code amount} is what the leg reserved, in the account's unit.
 */
public record Leg(String accountId, AccountKind kind, Integer fiscalYear, long amount) {
    public boolean budgetLeg() {
        return fiscalYear != null;
    }

    public boolean countLeg() {
        return kind.unit() == AccountKind.Unit.COUNT;
    }
}
