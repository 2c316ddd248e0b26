package io.grantflow.budget.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.contracts.vocabulary.LimitKind;
import org.junit.jupiter.api.Test;

/** The policy's caps are the published limit kinds: one account kind each, in the same unit. */
class AccountKindTest {
    @Test
    void everyPublishedLimitKindButTheCeilingHasOneAccountKindInItsUnit() {
        for (LimitKind kind : LimitKind.values()) {
            if (kind == LimitKind.PROGRAMME_CEILING) {
                assertThat(AccountKind.holding(kind))
                        .as("the ceiling has no account")
                        .isEmpty();
                continue;
            }
            AccountKind account =
                    AccountKind.holding(kind).orElseThrow(() -> new AssertionError(kind + " has no account"));
            assertThat(account.origin()).isEqualTo(AccountKind.Origin.POLICY);
            assertThat(account.unit())
                    .isEqualTo(kind.unit() == LimitKind.Unit.MONEY ? AccountKind.Unit.FEN : AccountKind.Unit.COUNT);
            assertThat(account.limit()).contains(kind);
            assertThat(Claim.known(kind)).isTrue();
            assertThat(new Claim(kind, "k", 1).accountKind()).isEqualTo(account);
            assertThat(Accounts.cap(account, "S1/x")).isEqualTo(kind.accountId("S1/x"));
        }
    }

    @Test
    void financesBudgetAccountsHoldNoPublishedLimit() {
        for (AccountKind account : AccountKind.values()) {
            if (account.origin() == AccountKind.Origin.FINANCE) {
                assertThat(account.limit()).as(account.name()).isEmpty();
                assertThat(account.perFiscalYear()).isTrue();
            }
        }
    }
}
