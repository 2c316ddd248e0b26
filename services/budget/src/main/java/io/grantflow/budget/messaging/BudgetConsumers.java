package io.grantflow.budget.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.budget.application.BudgetCatalogue;
import io.grantflow.budget.application.BudgetCommands;
import io.grantflow.budget.domain.Catalogue;
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
import io.grantflow.platform.messaging.IncomingEnvelope;
import io.grantflow.platform.messaging.JdbcOutbox;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.PoisonMessageException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Budget commands in, and payments that post (completed) or void (failed) their reservation.
 * A message is handed to the ledger's writer and the next one taken at once, so that a stream of
 * commands fills the writer's batches; each message is acknowledged only after its batch has
 * committed, with its inbox claim in the same transaction (a redelivery changes nothing). Bad
 * input and commands the ledger cannot apply are nacked: the channel dead-letters them.
 */
@ApplicationScoped
public class BudgetConsumers {
    private static final Logger LOG = Logger.getLogger(BudgetConsumers.class);
    static final String COMMANDS = "budget.commands";
    static final String PAYMENTS = "budget.payment-events";

    private final Ledger ledger;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Catalogue catalogue;

    public BudgetConsumers(Ledger ledger, ObjectMapper json, MeterRegistry registry, BudgetCatalogue catalogue) {
        this.ledger = ledger;
        this.json = json;
        this.registry = registry;
        this.catalogue = catalogue;
    }

    @Incoming("budget-commands")
    public Uni<Void> commands(Message<String> message) {
        return handle(COMMANDS, message, this::command);
    }

    @Incoming("payment-events")
    public Uni<Void> payments(Message<String> message) {
        return handle(PAYMENTS, message, this::payment);
    }

    private Optional<LedgerCommand> command(IncomingEnvelope e) {
        if (e.is(MessageType.RESERVE_FUNDS_V1)) {
            return Optional.of(BudgetCommands.reserve(e.read(json, ReserveFundsV1.class), null, ledger.rules(), catalogue));
        } else if (e.is(MessageType.VOID_RESERVATION_V1)) {
            return Optional.of(BudgetCommands.voidReservation(e.read(json, VoidReservationV1.class)));
        } else if (e.is(MessageType.REVERSE_FUNDS_V1)) {
            return Optional.of(BudgetCommands.reverse(e.read(json, ReverseFundsV1.class)));
        }
        return Optional.empty();
    }

    private Optional<LedgerCommand> payment(IncomingEnvelope e) {
        if (e.is(MessageType.PAYMENT_COMPLETED_V1)) {
            return Optional.of(BudgetCommands.post(e.read(json, PaymentCompletedV1.class)));
        } else if (e.is(MessageType.PAYMENT_FAILED_V1)) {
            return Optional.of(BudgetCommands.paymentFailed(e.read(json, PaymentFailedV1.class)));
        }
        return Optional.empty();
    }

    private interface Route {
        Optional<LedgerCommand> apply(IncomingEnvelope envelope);
    }

    private Uni<Void> handle(String consumer, Message<String> message, Route route) {
        IncomingEnvelope envelope;
        Optional<LedgerCommand> command;
        try {
            envelope = IncomingEnvelope.of(message);
            command = route.apply(envelope);
        } catch (PoisonMessageException e) {
            return nack(consumer, message, e);
        } catch (BudgetCommands.InvalidCommandException | ArithmeticException e) {
            return nack(consumer, message, new PoisonMessageException("invalid command: " + e.getMessage(), e));
        }
        if (command.isEmpty()) {
            // a type for another consumer of the topic
            return Uni.createFrom().completionStage(message.ack());
        }
        LedgerWriter.Origin origin = new LedgerWriter.Origin(new JdbcOutbox.InboxKey(consumer, envelope.id()),
                MessageContext.causedBy(envelope), "kafka:" + consumer);
        // settled off the writer's thread, so that logging and acks never delay the next batch
        return ledger.enqueue(command.get(), origin).invoke(done -> done.whenCompleteAsync((result, failure) -> {
            if (failure != null && stopped(failure)) {
                // not applied because the service is stopping: left unsettled, delivered again after restart
                LOG.infof("consumer %s leaves message %s for redelivery: the ledger writer stopped", consumer, envelope.id());
            } else if (failure != null) {
                nack(consumer, message, failure);
            } else if (result instanceof LedgerResult.Rejected r) {
                nack(consumer, message, new PoisonMessageException(r.code() + ": " + r.en()));
            } else {
                registry.counter("grantflow.inbox.messages", "consumer", consumer,
                        "outcome", result instanceof LedgerResult.Duplicate ? "duplicate" : "processed").increment();
                message.ack().whenComplete((x, ackFailure) -> {
                    if (ackFailure != null) {
                        LOG.errorf(ackFailure, "consumer %s could not acknowledge message %s", consumer, envelope.id());
                    }
                });
            }
        })).replaceWithVoid()
                .onFailure(f -> !stopped(f)).recoverWithUni(failure -> nack(consumer, message, failure))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private static boolean stopped(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LedgerWriter.StoppedException) {
                return true;
            }
        }
        return false;
    }

    private Uni<Void> nack(String consumer, Message<String> message, Throwable failure) {
        LOG.errorf(failure, "consumer %s dead-letters a message", consumer);
        registry.counter("grantflow.inbox.messages", "consumer", consumer, "outcome", "dead-lettered").increment();
        return Uni.createFrom().completionStage(message.nack(failure));
    }
}
