package io.grantflow.disbursement.application;

import io.grantflow.disbursement.config.PlansConfig;
import io.grantflow.disbursement.persistence.PlanInstalmentEntity;
import io.grantflow.platform.lifecycle.Lifecycle;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Turns the instalments whose condition is met into payments (ADR 0024): those whose due date has
 * come (1 January of their fiscal year, read from the service's {@link Clock}), whose milestone
 * was confirmed where they have one, and whose instalment before was paid. Safe with several
 * instances: each instalment is ordered in its own transaction under its application's lock and
 * read again there, so one ordered by another instance is left as it is; the payment's id,
 * derived from the reservation and the year, and the unique indexes make a second payment
 * impossible anyway.
 */
@ApplicationScoped
public class PlanJob {
    private static final Logger LOG = Logger.getLogger(PlanJob.class);
    /** Scheduled instalments that may be payable today; the domain decides for each. */
    private static final String CANDIDATES = "from PlanInstalmentEntity i where i.state = ?1 and i.dueDate <= ?2"
            + " and (i.condition <> 'MILESTONE' or i.confirmedAt is not null)"
            + " and (i.seq = 1 or exists (select 1 from PlanInstalmentEntity prev, PaymentEntity p"
            + " where p.id = prev.paymentId and prev.planId = i.planId and prev.seq = i.seq - 1"
            + " and p.status = 'PAID'))"
            + " order by i.dueDate, i.planId, i.seq";

    private final InstructPayment instruct;
    private final Clock clock;
    private final PlansConfig config;
    private final Lifecycle lifecycle;

    public PlanJob(InstructPayment instruct, Clock clock, PlansConfig config, Lifecycle lifecycle) {
        this.instruct = instruct;
        this.clock = clock;
        this.config = config;
        this.lifecycle = lifecycle;
    }

    @Scheduled(
            every = "${grantflow.plans.interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "payment-plans")
    void scheduled() {
        if (lifecycle.stopping()) {
            return;
        }
        try {
            runOnce();
        } catch (RuntimeException e) {
            if (!lifecycle.stopping()) {
                LOG.warnf("payment plan job will retry: %s", e.toString());
            }
        }
    }

    /** One round: orders what is due today; returns how many instalments became payments. */
    public int runOnce() {
        LocalDate today = LocalDate.now(clock);
        List<UUID> due = await(() -> Panache.withSession(
                () -> PlanInstalmentEntity.<PlanInstalmentEntity>find(CANDIDATES, PlanInstalmentEntity.SCHEDULED, today)
                        .page(0, config.batchSize())
                        .list()
                        .map(rows -> rows.stream().map(r -> r.id).toList())));
        int ordered = 0;
        for (UUID id : due) {
            try {
                if (Boolean.TRUE.equals(
                        await(() -> Panache.withTransaction(() -> instruct.orderInstalment(id, today))))) {
                    ordered++;
                }
            } catch (RuntimeException e) {
                // one instalment that cannot be ordered now does not stop the others; it is tried next round
                LOG.warnf("instalment %s not ordered this round: %s", id, e.toString());
            }
        }
        if (ordered > 0) {
            LOG.infof("payment plans: %d instalments ordered for %s", ordered, today);
        }
        return ordered;
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
