package io.grantflow.budget.application;

import io.grantflow.budget.domain.Accounts;
import io.grantflow.budget.domain.Headroom;
import io.grantflow.budget.persistence.Ledger;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;

/**
 * Finance sets a fiscal year's total. Lowering it below what is already reserved and spent is
 * refused: the ledger never holds an account over its limit.
 */
@ApplicationScoped
public class SetBudget {
    private final Ledger ledger;

    public SetBudget(Ledger ledger) {
        this.ledger = ledger;
    }

    public Uni<Headroom> set(int fiscalYear, BigDecimal total, String actor) {
        String account = Accounts.fiscalYearTotal(fiscalYear);
        BigDecimal limit;
        try {
            limit = Money.exact(total);
        } catch (Money.InvalidAmountException e) {
            throw ProblemException.invalidField("total", "INVALID_AMOUNT", "预算总额须为非负且最多两位小数",
                    "The total must be non-negative with at most two decimals");
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                                SELECT limit_amount FROM account WHERE id = ?1 FOR UPDATE""", BigDecimal.class)
                        .setParameter(1, account).getResultList())
                .chain(old -> Panache.getSession().chain(s -> s.createNativeQuery("""
                                INSERT INTO account (id, kind, fiscal_year, limit_amount, updated_at)
                                VALUES (?1, ?2, ?3, ?4, now())
                                ON CONFLICT (id) DO UPDATE SET limit_amount = EXCLUDED.limit_amount, updated_at = now()
                                 WHERE account.pending + account.posted <= EXCLUDED.limit_amount""")
                        .setParameter(1, account).setParameter(2, Accounts.FISCAL_YEAR_TOTAL)
                        .setParameter(3, fiscalYear).setParameter(4, limit).executeUpdate())
                        .chain(rows -> {
                            if (rows != 1) {
                                return Uni.createFrom().failure(ProblemException.conflict("BELOW_COMMITTED",
                                        "预算总额不得低于已预留和已拨付金额之和",
                                        "The total may not be lower than what is already reserved and posted"));
                            }
                            return Panache.getSession().chain(s -> s.createNativeQuery("""
                                            INSERT INTO account_limit_change (account_id, old_limit, new_limit, changed_by, at)
                                            VALUES (?1, ?2, ?3, ?4, now())""")
                                    .setParameter(1, account).setParameter(2, old.isEmpty() ? null : old.get(0))
                                    .setParameter(3, limit).setParameter(4, actor).executeUpdate());
                        }))
                .chain(() -> ledger.headroom(account)).map(h -> h.orElseThrow()));
    }
}
