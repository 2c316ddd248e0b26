package io.grantflow.disbursement.testing;

import io.grantflow.disbursement.application.TreasuryConfirmation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The payments the treasury confirmed of its own accord, as a test sees them arrive. */
@ApplicationScoped
public class SeenConfirmations {
    private final Set<UUID> payments = ConcurrentHashMap.newKeySet();

    void on(@ObservesAsync TreasuryConfirmation confirmation) {
        payments.add(confirmation.paymentId());
    }

    public boolean seen(UUID paymentId) {
        return payments.contains(paymentId);
    }
}
