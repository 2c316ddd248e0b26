package io.grantflow.budget.application;

import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.platform.messaging.MessageContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Reserves an award across every account it touches, all or nothing, for a partner agency over
 * REST; the outcome is announced on the reservation topic as for a command from Kafka. The
 * reservation id is the idempotency key.
 */
@ApplicationScoped
public class ReserveFunds {
    private final Ledger ledger;

    public ReserveFunds(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Throws {@link BudgetCommands.InvalidCommandException} for bad input, before anything is queued. */
    public Uni<LedgerResult> reserve(ReserveFundsV1 command, Instant expiresAt, String actor) {
        var reserve = BudgetCommands.reserve(command, expiresAt, ledger.rules());
        MessageContext context = new MessageContext(command.applicationId().toString(), null);
        return ledger.apply(reserve, LedgerWriter.Origin.of(context, actor));
    }
}
