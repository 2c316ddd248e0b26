package io.grantflow.budget.application;

import io.grantflow.budget.config.BudgetConfig;
import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.LedgerCommand;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.budget.domain.LedgerRules;
import io.grantflow.budget.persistence.LedgerStore;
import io.grantflow.platform.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;

/** The service's one ledger writer, started with the application and stopped with it. */
@ApplicationScoped
public class Ledger {
    private final DataSource dataSource;
    private final LedgerStore store;
    private final Outbox outbox;
    private final BudgetConfig config;
    private volatile LedgerWriter writer;

    private final MeterRegistry registry;

    public Ledger(
            DataSource dataSource, LedgerStore store, Outbox outbox, BudgetConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.store = store;
        this.outbox = outbox;
        this.config = config;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        LedgerWriter w = writer();
        // what operators watch: how much waits, how much was written, in how many transactions
        registry.gauge("grantflow.ledger.queued", w, LedgerWriter::queued);
        registry.more().counter("grantflow.ledger.commands", List.of(), w, LedgerWriter::commands);
        registry.more().counter("grantflow.ledger.batches", List.of(), w, LedgerWriter::batches);
        registry.gauge("grantflow.ledger.running", w, x -> x.running() ? 1 : 0);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (writer != null) {
            writer.close();
        }
    }

    public static LedgerRules rules(BudgetConfig config) {
        return new LedgerRules(
                LedgerStore.units(AccountKind.Unit.FEN, config.beneficiaryYearAmount()),
                config.beneficiaryYearCount(),
                config.reservationTtl());
    }

    synchronized LedgerWriter writer() {
        if (writer == null) {
            writer = new LedgerWriter(
                    dataSource,
                    store,
                    rules(config),
                    new LedgerEvents(outbox, Clock.systemUTC()),
                    config.batchSize(),
                    config.queueCapacity(),
                    config.attempts(),
                    Clock.systemUTC());
        }
        return writer;
    }

    public LedgerRules rules() {
        return writer().rules();
    }

    /** Applies a command; fails with {@link LedgerWriter.BusyException} when the writer's queue is full. */
    public Uni<LedgerResult> apply(LedgerCommand command, LedgerWriter.Origin origin) {
        return Uni.createFrom().completionStage(() -> writer().submit(command, origin));
    }

    /**
     * Queues a command, waiting for room rather than failing: for consumers, which take the next
     * message as soon as this one is queued and settle it when the returned future completes.
     */
    public Uni<CompletableFuture<LedgerResult>> enqueue(LedgerCommand command, LedgerWriter.Origin origin) {
        return Uni.createFrom()
                .item(() -> {
                    var done = writer().submit(command, origin);
                    if (done.isCompletedExceptionally()) {
                        try {
                            done.join();
                        } catch (CompletionException e) {
                            throw e.getCause() instanceof RuntimeException r ? r : e;
                        }
                    }
                    return done;
                })
                .onFailure(LedgerWriter.BusyException.class)
                .retry()
                .withBackOff(Duration.ofMillis(5), Duration.ofMillis(200))
                .indefinitely();
    }
}
