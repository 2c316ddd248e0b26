package io.grantflow.budget.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.budget.application.PostFunds;
import io.grantflow.budget.application.ReserveFunds;
import io.grantflow.budget.application.VoidFunds;
import io.grantflow.contracts.MessageType;
import io.grantflow.platform.messaging.Inbox;
import io.grantflow.platform.messaging.MessageRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Budget commands in; completed payments post their reservation, failed ones void it. */
@ApplicationScoped
public class BudgetConsumers {
    private final Inbox inbox;
    private final MessageRoutes commands;
    private final MessageRoutes payments;

    public BudgetConsumers(Inbox inbox, ReserveFunds reserve, PostFunds post, VoidFunds voids, ObjectMapper json) {
        this.inbox = inbox;
        this.commands = MessageRoutes.using(json).on(MessageType.RESERVE_FUNDS_V1, reserve::reserve);
        this.payments = MessageRoutes.using(json)
                .on(MessageType.PAYMENT_COMPLETED_V1, post::post)
                .on(MessageType.PAYMENT_FAILED_V1, voids::paymentFailed);
    }

    @Incoming("budget-commands")
    public Uni<Void> commands(Message<String> message) {
        return inbox.process("budget.commands", message, commands);
    }

    @Incoming("payment-events")
    public Uni<Void> payments(Message<String> message) {
        return inbox.process("budget.payment-events", message, payments);
    }
}
