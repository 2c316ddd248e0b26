package io.grantflow.budget.application;

import io.grantflow.budget.config.BudgetConfig;
import io.grantflow.budget.domain.LedgerCommand;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.budget.persistence.LedgerQueries;
import io.grantflow.platform.messaging.MessageContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sweeps reservations left unspent past their expiry back into the budget. The sweep only finds
 * candidates; the writer decides under lock, so a reservation posted meanwhile is not expired.
 */
@ApplicationScoped
public class ExpireReservations {
    private static final Logger LOG = Logger.getLogger(ExpireReservations.class);
    private final LedgerQueries queries;
    private final Ledger ledger;
    private final BudgetConfig config;
    private volatile boolean running;
    private Thread thread;

    public ExpireReservations(LedgerQueries queries, Ledger ledger, BudgetConfig config) {
        this.queries = queries;
        this.ledger = ledger;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::loop, "reservation-expiry");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(config.expirySweepInterval().toMillis());
                sweep(Instant.now());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("expiry sweep failed; next sweep retries", e);
            }
        }
    }

    /** Expires what is due now; returns how many reservations expired. */
    public int sweep(Instant now) {
        List<UUID> due = queries.expired(now, 500);
        int expired = 0;
        for (UUID id : due) {
            var result = ledger.writer()
                    .submit(
                            new LedgerCommand.Expire(id),
                            LedgerWriter.Origin.of(new MessageContext(id.toString(), null), "expiry"))
                    .join();
            if (result instanceof LedgerResult.Expired x && !x.replay()) {
                expired++;
            }
        }
        return expired;
    }
}
