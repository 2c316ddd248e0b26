package io.grantflow.disbursement.application;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

/** Applies the confirmations the treasury sends of its own accord ({@link TreasuryConfirmation}). */
@ApplicationScoped
public class ReceiveConfirmations {
    private static final Logger LOG = Logger.getLogger(ReceiveConfirmations.class);

    private final ExecutePayments execute;

    public ReceiveConfirmations(ExecutePayments execute) {
        this.execute = execute;
    }

    void on(@ObservesAsync TreasuryConfirmation confirmation) throws Throwable {
        // an async observer runs on a worker thread: the reactive session needs a Vert.x context of its own
        var status = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> execute.apply(confirmation.paymentId(), confirmation.result())));
        LOG.infof(
                "treasury confirmation of payment %s received of its own accord: the payment is %s",
                confirmation.paymentId(), status);
    }
}
