package io.grantflow.budget.application;

import io.grantflow.budget.domain.Accounts;
import io.grantflow.budget.domain.Headroom;
import io.grantflow.budget.domain.TransferStatus;
import io.grantflow.budget.persistence.Ledger;
import io.grantflow.budget.persistence.TransferEntity;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.ReservationRefusedV1;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.grantflow.platform.money.Money;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reserves an approved amount against the fiscal year's total, all or nothing, and announces
 * the outcome. The reservation id is the idempotency key: a second command with it changes nothing.
 */
@ApplicationScoped
public class ReserveFunds {
    private final Ledger ledger;
    private final Outbox outbox;

    public ReserveFunds(Ledger ledger, Outbox outbox) {
        this.ledger = ledger;
        this.outbox = outbox;
    }

    public Uni<Void> reserve(ReserveFundsV1 command, MessageContext context) {
        return TransferEntity.<TransferEntity>findById(command.reservationId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            BigDecimal amount = Money.exact(command.amount());
            String account = Accounts.fiscalYearTotal(command.fiscalYear());
            TransferEntity transfer = new TransferEntity();
            transfer.id = command.reservationId();
            transfer.accountId = account;
            transfer.applicationId = command.applicationId();
            transfer.programme = command.programme();
            transfer.beneficiaryId = command.beneficiaryId();
            transfer.amount = amount;
            transfer.status = TransferStatus.PENDING.name();
            transfer.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            return transfer.persistAndFlush()
                    .chain(() -> ledger.reserve(transfer.id, account, amount))
                    .chain(reserved -> reserved ? reserved(command, transfer, context)
                            : refused(command, transfer, account, amount, context));
        });
    }

    private Uni<Void> reserved(ReserveFundsV1 command, TransferEntity transfer, MessageContext context) {
        FundsReservedV1 event = new FundsReservedV1(transfer.id, command.applicationId(), command.programme(),
                command.beneficiaryId(), command.fiscalYear(), transfer.amount, Instant.now());
        return outbox.add(event, command.applicationId().toString(), context).replaceWithVoid();
    }

    private Uni<Void> refused(ReserveFundsV1 command, TransferEntity transfer, String account, BigDecimal amount,
                              MessageContext context) {
        return ledger.headroom(account).chain(headroom -> {
            transfer.status = TransferStatus.REFUSED.name();
            transfer.resolvedAt = OffsetDateTime.now(ZoneOffset.UTC);
            BigDecimal available = headroom.map(Headroom::available).orElse(Money.ZERO);
            String code = headroom.isPresent() ? "LIMIT_EXCEEDED" : "NO_BUDGET";
            transfer.refusalCode = code;
            String zh = headroom.isPresent()
                    ? "超过" + command.fiscalYear() + "财年预算总额：剩余额度" + Money.format(available) + "元，申请"
                    + Money.format(amount) + "元。"
                    : command.fiscalYear() + "财年预算尚未下达。";
            String en = headroom.isPresent()
                    ? "The fiscal year " + command.fiscalYear() + " total would be exceeded: headroom "
                    + Money.format(available) + ", requested " + Money.format(amount) + "."
                    : "No budget has been set for fiscal year " + command.fiscalYear() + ".";
            ReservationRefusedV1 event = new ReservationRefusedV1(transfer.id, command.applicationId(), code, account,
                    available, amount, zh, en, Instant.now());
            return outbox.add(event, command.applicationId().toString(), context).replaceWithVoid();
        });
    }
}
