package io.grantflow.budget.application;

import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.Accounts;
import io.grantflow.budget.domain.LedgerCommand;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.budget.persistence.LedgerStore;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Finance sets a fiscal year's total, an allocation to a programme or a department, or a
 * district's 拨改转 block. Through the ledger's writer, so a limit never drops below what is
 * already reserved and posted, not even while reservations arrive.
 */
@ApplicationScoped
public class SetBudget {
    private final Ledger ledger;
    private final BudgetQueries queries;

    public SetBudget(Ledger ledger, BudgetQueries queries) {
        this.ledger = ledger;
        this.queries = queries;
    }

    public Uni<BudgetQueries.Balance> set(
            AccountKind kind, int fiscalYear, String key, BigDecimal amount, String field, String actor) {
        BigDecimal limit;
        try {
            limit = Money.exact(amount);
        } catch (Money.InvalidAmountException e) {
            throw ProblemException.invalidField(
                    field,
                    "INVALID_AMOUNT",
                    "金额须为非负且最多两位小数",
                    "the amount must be non-negative with at most two decimals");
        }
        String account = switch (kind) {
            case FISCAL_YEAR_TOTAL -> Accounts.fiscalYearTotal(fiscalYear);
            case PROGRAMME_ALLOCATION -> Accounts.programme(fiscalYear, key);
            case DEPARTMENT_ALLOCATION -> Accounts.department(fiscalYear, key);
            case DISTRICT_BLOCK -> Accounts.district(fiscalYear, key);
            default -> throw new IllegalArgumentException("finance does not set " + kind);
        };
        LedgerCommand.SetLimit command =
                new LedgerCommand.SetLimit(account, kind, fiscalYear, LedgerStore.units(AccountKind.Unit.FEN, limit));
        MessageContext context = new MessageContext(UUID.randomUUID().toString(), null);
        return ledger.apply(command, LedgerWriter.Origin.of(context, actor)).chain(result -> {
            if (result instanceof LedgerResult.Rejected r) {
                return Uni.createFrom()
                        .failure(ProblemException.conflict(r.code(), r.zh(), r.en())
                                .with("account", account));
            }
            return queries.account(account);
        });
    }
}
