package io.grantflow.budget.application;

import io.grantflow.budget.domain.Accounts;
import io.grantflow.budget.domain.Headroom;
import io.grantflow.budget.persistence.Ledger;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads balances. */
@ApplicationScoped
public class BudgetQueries {
    private final Ledger ledger;

    public BudgetQueries(Ledger ledger) {
        this.ledger = ledger;
    }

    public Uni<Headroom> fiscalYear(int fiscalYear) {
        return Panache.withSession(() -> ledger.headroom(Accounts.fiscalYearTotal(fiscalYear)))
                .map(h -> h.orElseThrow(() -> ProblemException.notFound("预算 / budget", String.valueOf(fiscalYear))));
    }
}
