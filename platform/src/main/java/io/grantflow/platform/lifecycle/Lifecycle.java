package io.grantflow.platform.lifecycle;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Whether the service is stopping. Scheduled workers ask it so that a normal stop is not logged
 * as an error: once shutdown has begun they start no new round, and a round cut short by the
 * closing database pool is left to the next start (its rows stay due in the database).
 */
@ApplicationScoped
public class Lifecycle {
    private volatile boolean stopping;

    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }
}
