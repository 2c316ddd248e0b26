package io.grantflow.budget.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.budget.application.PostFunds;
import io.grantflow.budget.application.ReserveFunds;
import io.grantflow.contracts.MessageType;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.platform.messaging.Inbox;
import io.grantflow.platform.messaging.MessageContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Budget commands in; completed payments post their reservation. */
@ApplicationScoped
public class BudgetConsumers {
    private final Inbox inbox;
    private final ReserveFunds reserve;
    private final PostFunds post;
    private final ObjectMapper json;

    public BudgetConsumers(Inbox inbox, ReserveFunds reserve, PostFunds post, ObjectMapper json) {
        this.inbox = inbox;
        this.reserve = reserve;
        this.post = post;
        this.json = json;
    }

    @Incoming("budget-commands")
    public Uni<Void> commands(Message<String> message) {
        return inbox.process("budget.commands", message, env -> {
            if (env.is(MessageType.RESERVE_FUNDS_V1)) {
                return reserve.reserve(env.read(json, ReserveFundsV1.class), MessageContext.causedBy(env));
            }
            return Uni.createFrom().voidItem();
        });
    }

    @Incoming("payment-events")
    public Uni<Void> payments(Message<String> message) {
        return inbox.process("budget.payment-events", message, env -> {
            if (env.is(MessageType.PAYMENT_COMPLETED_V1)) {
                return post.post(env.read(json, PaymentCompletedV1.class), MessageContext.causedBy(env));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
