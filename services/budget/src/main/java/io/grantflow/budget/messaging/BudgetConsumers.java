package io.grantflow.budget.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.budget.application.BudgetCatalogue;
import io.grantflow.budget.application.BudgetCommands;
import io.grantflow.budget.application.Ledger;
import io.grantflow.budget.application.LedgerWriter;
import io.grantflow.budget.domain.LedgerCommand;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.commands.ReverseFundsV1;
import io.grantflow.contracts.commands.VoidReservationV1;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.platform.messaging.InboxKey;
import io.grantflow.platform.messaging.InboxOutcomes;
import io.grantflow.platform.messaging.IncomingEnvelope;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.MessageRouter;
import io.grantflow.platform.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Budget commands in, and payments that post (completed) or void (failed) their reservation,
 * with the platform's envelope, routes, inbox claim and outcomes, but not its one-message
 * {@code Inbox.process}: a message is handed to the ledger's writer and the next one taken at
 * once, so that a stream of commands fills the writer's batches (ADR 0012). The writer claims
 * each message in its batch's transaction ({@code InboxClaims}); a message is acknowledged only
 * after that batch has committed, so a redelivery changes nothing. Bad input and commands the
 * ledger cannot apply are dead-lettered.
 *
 * <p>Retries are the writer's, not the inbox's: {@code grantflow.messaging.handler-attempts}
 * does not apply here. A command whose transaction fails for a passing reason (a lost database)
 * is retried for as long as the service runs; one failing for a lasting reason is dead-lettered
 * after {@code grantflow.budget.attempts} attempts on its own.
 */
@ApplicationScoped
public class BudgetConsumers {
    private static final Logger LOG = Logger.getLogger(BudgetConsumers.class);
    static final String COMMANDS = "budget.commands";
    static final String PAYMENTS = "budget.payment-events";

    private final Ledger ledger;
    private final InboxOutcomes outcomes;
    private final MessageRouter<LedgerCommand> commands;
    private final MessageRouter<LedgerCommand> payments;

    public BudgetConsumers(Ledger ledger, ObjectMapper json, InboxOutcomes outcomes, BudgetCatalogue catalogue) {
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.commands = MessageRouter.<LedgerCommand>using(json)
                .on(
                        MessageType.RESERVE_FUNDS_V1,
                        (ReserveFundsV1 c, MessageContext cause) ->
                                BudgetCommands.reserve(c, null, ledger.rules(), catalogue))
                .on(
                        MessageType.VOID_RESERVATION_V1,
                        (VoidReservationV1 c, MessageContext cause) -> BudgetCommands.voidReservation(c))
                .on(
                        MessageType.REVERSE_FUNDS_V1,
                        (ReverseFundsV1 c, MessageContext cause) -> BudgetCommands.reverse(c));
        this.payments = MessageRouter.<LedgerCommand>using(json)
                .on(
                        MessageType.PAYMENT_COMPLETED_V1,
                        (PaymentCompletedV1 p, MessageContext cause) -> BudgetCommands.post(p))
                .on(
                        MessageType.PAYMENT_FAILED_V1,
                        (PaymentFailedV1 p, MessageContext cause) -> BudgetCommands.paymentFailed(p));
    }

    @Incoming("budget-commands")
    public Uni<Void> commands(Message<String> message) {
        return handle(COMMANDS, message, commands);
    }

    @Incoming("payment-events")
    public Uni<Void> payments(Message<String> message) {
        return handle(PAYMENTS, message, payments);
    }

    private Uni<Void> handle(String consumer, Message<String> message, MessageRouter<LedgerCommand> router) {
        IncomingEnvelope envelope;
        Optional<LedgerCommand> command;
        try {
            envelope = IncomingEnvelope.of(message);
            command = router.route(envelope);
        } catch (PoisonMessageException e) {
            return Uni.createFrom().completionStage(() -> outcomes.deadLetter(consumer, message, e));
        } catch (BudgetCommands.InvalidCommandException | ArithmeticException e) {
            PoisonMessageException poison = new PoisonMessageException("无效的指令 / invalid command: " + e.getMessage(), e);
            return Uni.createFrom().completionStage(() -> outcomes.deadLetter(consumer, message, poison));
        }
        if (command.isEmpty()) {
            // a type for another consumer of the topic
            return Uni.createFrom().completionStage(message::ack);
        }
        LedgerWriter.Origin origin = new LedgerWriter.Origin(
                new InboxKey(consumer, envelope.id()), MessageContext.causedBy(envelope), "kafka:" + consumer);
        // settled off the writer's thread, so that logging and acks never delay the next batch
        return ledger.enqueue(command.get(), origin)
                .invoke(done -> done.whenCompleteAsync(
                        (result, failure) -> settle(consumer, message, envelope, result, failure)))
                .replaceWithVoid()
                .onFailure(f -> !stopped(f))
                .recoverWithUni(failure ->
                        Uni.createFrom().completionStage(() -> outcomes.deadLetter(consumer, message, failure)))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private void settle(
            String consumer,
            Message<String> message,
            IncomingEnvelope envelope,
            LedgerResult result,
            Throwable failure) {
        if (failure != null && stopped(failure)) {
            // not applied because the service is stopping: left unsettled, delivered again after restart
            LOG.infof(
                    "consumer %s leaves message %s for redelivery: the ledger writer stopped", consumer, envelope.id());
            return;
        }
        CompletionStage<Void> settled;
        if (failure != null) {
            settled = outcomes.deadLetter(consumer, message, failure);
        } else if (result instanceof LedgerResult.Rejected r) {
            settled = outcomes.deadLetter(
                    consumer, message, new PoisonMessageException(r.code() + ": " + r.zh() + " / " + r.en()));
        } else if (result instanceof LedgerResult.Duplicate) {
            settled = outcomes.duplicate(consumer, message);
        } else {
            settled = outcomes.processed(consumer, message);
        }
        settled.whenComplete((x, settleFailure) -> {
            if (settleFailure != null) {
                LOG.errorf(settleFailure, "consumer %s could not settle message %s", consumer, envelope.id());
            }
        });
    }

    private static boolean stopped(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LedgerWriter.StoppedException) {
                return true;
            }
        }
        return false;
    }
}
