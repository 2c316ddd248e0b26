package io.grantflow.notifications.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.MessageType;
import io.grantflow.notifications.application.NotifyFinance;
import io.grantflow.platform.messaging.Inbox;
import io.grantflow.platform.messaging.MessageRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Finance's notices: the treasury's payments ({@code disbursement.payment.events}) and the
 * budget's refusals and reversals ({@code budget.reservation.events}), and the recoveries of
 * recovery orders for the enterprise and its department; the other types of those
 * topics are skipped.
 */
@ApplicationScoped
public class MoneyEventsConsumer {
    private final Inbox inbox;
    private final MessageRoutes payments;
    private final MessageRoutes budget;

    public MoneyEventsConsumer(Inbox inbox, NotifyFinance finance, ObjectMapper json) {
        this.inbox = inbox;
        this.payments = MessageRoutes.using(json)
                .on(MessageType.PAYMENT_COMPLETED_V1, finance::paid)
                .on(MessageType.PAYMENT_FAILED_V1, finance::failed)
                .on(MessageType.RECOVERY_RECORDED_V1, finance::recovered);
        this.budget = MessageRoutes.using(json)
                .on(MessageType.RESERVATION_REFUSED_V1, finance::refused)
                .on(MessageType.FUNDS_REVERSED_V1, finance::reversed);
    }

    @Incoming("payment-events")
    public Uni<Void> payment(Message<String> message) {
        return inbox.process("notifications.payment-events", message, payments);
    }

    @Incoming("reservation-events")
    public Uni<Void> reservation(Message<String> message) {
        return inbox.process("notifications.reservation-events", message, budget);
    }
}
