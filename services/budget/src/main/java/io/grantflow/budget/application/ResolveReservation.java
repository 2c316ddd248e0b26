package io.grantflow.budget.application;

import io.grantflow.budget.domain.LedgerCommand;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.contracts.commands.ReverseFundsV1;
import io.grantflow.contracts.commands.VoidReservationV1;
import io.grantflow.platform.messaging.MessageContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Finance (or the department that reserved) voids a reservation, or returns clawed-back money. */
@ApplicationScoped
public class ResolveReservation {
    private final Ledger ledger;

    public ResolveReservation(Ledger ledger) {
        this.ledger = ledger;
    }

    public Uni<LedgerResult> voidReservation(UUID reservationId, String reason, String actor) {
        LedgerCommand.Void command =
                BudgetCommands.voidReservation(new VoidReservationV1(reservationId, reason, Instant.now()));
        return ledger.apply(command, LedgerWriter.Origin.of(new MessageContext(reservationId.toString(), null), actor));
    }

    public Uni<LedgerResult> reverse(
            UUID reversalId, UUID reservationId, BigDecimal amount, String reason, String actor) {
        LedgerCommand.Reverse command =
                BudgetCommands.reverse(new ReverseFundsV1(reversalId, reservationId, amount, reason, Instant.now()));
        return ledger.apply(command, LedgerWriter.Origin.of(new MessageContext(reservationId.toString(), null), actor));
    }
}
