package io.grantflow.budget.application;

import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.budget.domain.Refusal;
import io.grantflow.budget.domain.Reservation;
import io.grantflow.budget.domain.ReservationRequest;
import io.grantflow.budget.persistence.LedgerStore;
import io.grantflow.contracts.events.FundsExpiredV1;
import io.grantflow.contracts.events.FundsPostedV1;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.FundsReversedV1;
import io.grantflow.contracts.events.FundsVoidedV1;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.events.ReservationRefusedV1;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.grantflow.platform.messaging.OutboxMessage;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

/** The events that announce what the ledger did, keyed by the application they concern. */
public final class LedgerEvents implements LedgerWriter.EventFactory {
    private final Outbox outbox;
    private final Clock clock;

    public LedgerEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    static BigDecimal yuan(long fen) {
        return LedgerStore.decimal(AccountKind.Unit.FEN, fen);
    }

    @Override
    public List<OutboxMessage> rows(LedgerResult result, MessageContext context) {
        Record event = event(result);
        if (event == null) {
            return List.of();
        }
        Reservation r = reservationOf(result);
        return List.of(outbox.row(event, r.request().applicationId().toString(), context));
    }

    private static Reservation reservationOf(LedgerResult result) {
        if (result instanceof LedgerResult.Reserved x) {
            return x.reservation();
        } else if (result instanceof LedgerResult.Refused x) {
            return x.reservation();
        } else if (result instanceof LedgerResult.Posted x) {
            return x.reservation();
        } else if (result instanceof LedgerResult.Voided x) {
            return x.reservation();
        } else if (result instanceof LedgerResult.Expired x) {
            return x.reservation();
        } else if (result instanceof LedgerResult.Reversed x) {
            return x.reservation();
        }
        throw new IllegalArgumentException(result.toString());
    }

    private Record event(LedgerResult result) {
        var now = clock.instant();
        if (result instanceof LedgerResult.Reserved x) {
            ReservationRequest q = x.reservation().request();
            List<InstalmentAmount> instalments = x.reservation().instalments().stream()
                    .map(i -> new InstalmentAmount(i.fiscalYear(), yuan(i.amount()), i.condition()))
                    .toList();
            return new FundsReservedV1(
                    q.id(),
                    q.applicationId(),
                    q.programme(),
                    q.department(),
                    q.beneficiaryId(),
                    q.beneficiaryKind(),
                    q.awardYear(),
                    yuan(q.amount()),
                    instalments,
                    q.approval().origin(),
                    q.approval().proposedBy(),
                    q.approval().approvedBy(),
                    q.expiresAt(),
                    now);
        } else if (result instanceof LedgerResult.Refused x) {
            ReservationRequest q = x.reservation().request();
            Refusal f = x.refusal();
            String[] text = RefusalTexts.of(f, q.awardYear());
            return new ReservationRefusedV1(
                    q.id(),
                    q.applicationId(),
                    f.code(),
                    f.account(),
                    LedgerStore.decimal(f.unit(), f.headroom()),
                    LedgerStore.decimal(f.unit(), f.requested()),
                    text[0],
                    text[1],
                    now);
        } else if (result instanceof LedgerResult.Posted x) {
            ReservationRequest q = x.reservation().request();
            return new FundsPostedV1(
                    q.id(), q.applicationId(), x.fiscalYear(), yuan(x.posted()), yuan(x.released()), now);
        } else if (result instanceof LedgerResult.Voided x) {
            ReservationRequest q = x.reservation().request();
            return new FundsVoidedV1(
                    q.id(),
                    q.applicationId(),
                    yuan(x.released()),
                    x.reason() == null || x.reason().isBlank() ? "释放 / released" : x.reason(),
                    now);
        } else if (result instanceof LedgerResult.Expired x) {
            ReservationRequest q = x.reservation().request();
            return new FundsExpiredV1(q.id(), q.applicationId(), yuan(x.released()), now);
        } else if (result instanceof LedgerResult.Reversed x) {
            ReservationRequest q = x.reservation().request();
            return new FundsReversedV1(
                    x.reversal().id(),
                    q.id(),
                    q.applicationId(),
                    yuan(x.reversal().amount()),
                    x.reversal().reason(),
                    now);
        }
        return null;
    }
}
