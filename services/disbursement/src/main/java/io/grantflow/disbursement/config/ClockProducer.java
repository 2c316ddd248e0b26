package io.grantflow.disbursement.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The clock the payment plans read the date from: the system's, in the configured zone. A test
 * puts its own bean of type {@link Clock} in its place to open the next fiscal year.
 */
@ApplicationScoped
public class ClockProducer {
    @Produces
    @DefaultBean
    @Singleton
    Clock clock(ClockConfig config) {
        return Clock.system(config.zone());
    }
}
