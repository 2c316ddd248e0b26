package io.grantflow.disbursement.treasury;

import io.grantflow.disbursement.application.TreasuryConfirmation;
import io.grantflow.disbursement.application.TreasuryGateway;
import io.grantflow.disbursement.config.TreasuryConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

/**
 * Chooses the treasury gateway from {@code grantflow.treasury.gateway}. There is no default in the
 * production profile: a deployment must say which treasury it pays through, and the simulator is
 * never chosen for it by accident.
 */
@ApplicationScoped
public class TreasuryGatewayProducer {
    /** Refuses to start without a gateway, rather than at the first payment. */
    void check(@Observes StartupEvent start, TreasuryConfig config) {
        chosen(config);
    }

    @Produces
    @ApplicationScoped
    TreasuryGateway gateway(TreasuryConfig config, Pool pool, Event<TreasuryConfirmation> confirmations) {
        chosen(config);
        return new SimulatedTreasuryGateway(pool, config, confirmations);
    }

    private static void chosen(TreasuryConfig config) {
        String chosen = config.gateway().orElse("");
        if ("simulated".equals(chosen)) {
            return;
        }
        throw new IllegalStateException("未配置国库支付接口 / no treasury gateway configured: set grantflow.treasury.gateway"
                + " (GRANTFLOW_TREASURY_GATEWAY); 'simulated' is for local runs and tests only, got '" + chosen + "'");
    }
}
