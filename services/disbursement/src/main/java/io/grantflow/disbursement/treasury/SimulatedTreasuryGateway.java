package io.grantflow.disbursement.treasury;

import io.grantflow.disbursement.application.TreasuryGateway;
import io.grantflow.disbursement.config.TreasuryConfig;
import io.grantflow.disbursement.domain.TreasuryResult;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Stands in for the treasury's centralised payment system until the real adapter exists. It
 * keeps its own book of executed payment ids, so it honours the gateway's idempotency contract.
 */
@ApplicationScoped
public class SimulatedTreasuryGateway implements TreasuryGateway {
    private final TreasuryConfig config;

    public SimulatedTreasuryGateway(TreasuryConfig config) {
        this.config = config;
    }

    @Override
    public Uni<TreasuryResult> pay(UUID paymentId, String beneficiaryId, BigDecimal amount) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT outcome, reference, failure_code FROM simulated_treasury_payment WHERE payment_id = ?1",
                                Object[].class)
                        .setParameter(1, paymentId)
                        .getResultList())
                .chain(rows -> rows.isEmpty()
                        ? execute(paymentId, beneficiaryId, amount)
                        : Uni.createFrom().item(result((String) rows.get(0)[0], (String) rows.get(0)[1], (String)
                                rows.get(0)[2])));
    }

    private Uni<TreasuryResult> execute(UUID paymentId, String beneficiaryId, BigDecimal amount) {
        boolean closed = config.simulatedClosedAccounts().orElse(List.of()).contains(beneficiaryId);
        String outcome = closed ? "REFUSED" : "PAID";
        String reference = "SIM-" + LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + "-"
                + paymentId.toString().substring(0, 8).toUpperCase();
        String failure = closed ? "ACCOUNT_CLOSED" : null;
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        INSERT INTO simulated_treasury_payment
                            (payment_id, beneficiary_id, amount, outcome, reference, failure_code, executed_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, now())""")
                        .setParameter(1, paymentId)
                        .setParameter(2, beneficiaryId)
                        .setParameter(3, amount)
                        .setParameter(4, outcome)
                        .setParameter(5, reference)
                        .setParameter(6, failure)
                        .executeUpdate())
                .replaceWith(result(outcome, reference, failure));
    }

    private static TreasuryResult result(String outcome, String reference, String failure) {
        return "PAID".equals(outcome)
                ? new TreasuryResult(true, reference, null, null, null)
                : new TreasuryResult(false, reference, failure, "收款账户已销户", "The beneficiary account is closed");
    }
}
