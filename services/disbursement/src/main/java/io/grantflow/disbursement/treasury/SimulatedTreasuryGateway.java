package io.grantflow.disbursement.treasury;

import io.grantflow.disbursement.application.TreasuryConfirmation;
import io.grantflow.disbursement.application.TreasuryGateway;
import io.grantflow.disbursement.config.TreasuryConfig;
import io.grantflow.disbursement.domain.PaymentOrder;
import io.grantflow.disbursement.domain.TreasuryResult;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Event;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Stands in for the treasury's centralised payment system, for local runs and tests only (chosen
 * with {@code grantflow.treasury.gateway=simulated}). It keeps its own book of orders by order key,
 * written in transactions of its own (as a remote system would: what it executed stays executed
 * when the caller's transaction rolls back), so it honours the gateway's idempotency contract and
 * can be told to misbehave per beneficiary: time out once after executing, reject, confirm late,
 * confirm less or more than ordered.
 */
public class SimulatedTreasuryGateway implements TreasuryGateway {
    /** Status queries an order told CONFIRM_LATE answers "accepted" before it confirms. */
    static final int LATE_QUERIES = 2;

    enum Behaviour {
        NORMAL,
        TIMEOUT_ONCE,
        /** executes the order, then gives no answer to it nor to the next two status queries (the treasury is down a while) */
        SILENT_THRICE,
        REJECT,
        CONFIRM_LATE,
        CONFIRM_LESS,
        CONFIRM_MORE,
        /** confirms the order, then sends the same confirmation again of its own accord a second later */
        CONFIRM_TWICE
    }

    private final Pool pool;
    private final TreasuryConfig config;
    private final Event<TreasuryConfirmation> confirmations;

    public SimulatedTreasuryGateway(Pool pool, TreasuryConfig config, Event<TreasuryConfirmation> confirmations) {
        this.pool = pool;
        this.config = config;
        this.confirmations = confirmations;
    }

    @Override
    public Uni<TreasuryResult> submit(PaymentOrder order) {
        Behaviour behaviour = behaviourOf(order.beneficiaryId());
        String outcome;
        BigDecimal confirmed = null;
        String failure = null;
        switch (behaviour) {
            case REJECT:
                outcome = "REJECTED";
                failure = "ACCOUNT_CLOSED";
                break;
            case CONFIRM_LATE:
                outcome = "ACCEPTED";
                confirmed = order.amount();
                break;
            case CONFIRM_LESS:
                outcome = "CONFIRMED";
                confirmed = order.amount().multiply(new BigDecimal("0.9")).setScale(2, RoundingMode.DOWN);
                break;
            case CONFIRM_MORE:
                outcome = "CONFIRMED";
                confirmed = order.amount().add(new BigDecimal("0.01"));
                break;
            default:
                outcome = "CONFIRMED";
                confirmed = order.amount();
        }
        String reference = "SIM-" + LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + "-"
                + order.orderKey().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        Tuple row = Tuple.tuple()
                .addValue(order.paymentId())
                .addValue(order.orderKey())
                .addValue(order.beneficiaryId())
                .addValue(order.amount())
                .addValue(outcome)
                .addValue(reference)
                .addValue(failure)
                .addValue(confirmed)
                .addValue(order.account() == null ? null : order.account().accountNumber());
        // the first order under a key is executed; any later one finds it and is answered the same
        Uni<Boolean> executed =
                pool.withTransaction(c -> c.preparedQuery("""
                        INSERT INTO simulated_treasury_payment
                            (payment_id, order_key, beneficiary_id, amount, outcome, reference, failure_code,
                             confirmed_amount, status_queries, executed_at, account_number)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, now(), $9)
                        ON CONFLICT (order_key) DO NOTHING""").execute(row).map(rows -> rows.rowCount() == 1));
        return executed.chain(first -> {
            if (first && (behaviour == Behaviour.TIMEOUT_ONCE || behaviour == Behaviour.SILENT_THRICE)) {
                // executed, and the answer lost on the way back
                return Uni.createFrom()
                        .failure(new TimeoutException("simulated treasury: no answer for " + order.orderKey()));
            }
            Uni<TreasuryResult> answer = read(order.orderKey(), false);
            if (first && behaviour == Behaviour.CONFIRM_TWICE) {
                // the answer, and a second later the same confirmation again, as a treasury's repeated notice
                answer = answer.invoke(result -> Uni.createFrom()
                        .voidItem()
                        .onItem()
                        .delayIt()
                        .by(Duration.ofSeconds(1))
                        .subscribe()
                        .with(x -> confirmations.fireAsync(new TreasuryConfirmation(order.paymentId(), result))));
            }
            return answer;
        });
    }

    @Override
    public Uni<TreasuryResult> status(UUID orderKey) {
        return read(orderKey, true);
    }

    private Uni<TreasuryResult> read(UUID orderKey, boolean query) {
        // a status query of a late order counts, and the third one finds it confirmed
        String sql = query ? """
                UPDATE simulated_treasury_payment SET status_queries = status_queries + 1,
                       outcome = CASE WHEN outcome = 'ACCEPTED' AND status_queries + 1 > $2 THEN 'CONFIRMED'
                                      ELSE outcome END
                 WHERE order_key = $1
                RETURNING outcome, reference, failure_code, confirmed_amount, beneficiary_id, status_queries""" : """
                SELECT outcome, reference, failure_code, confirmed_amount FROM simulated_treasury_payment
                 WHERE order_key = $1""";
        Tuple parameters = query ? Tuple.of(orderKey, LATE_QUERIES) : Tuple.of(orderKey);
        return pool.withTransaction(c -> c.preparedQuery(sql).execute(parameters))
                .chain(rows -> {
                    if (query && silent(rows)) {
                        return Uni.createFrom()
                                .failure(new TimeoutException("simulated treasury: no answer for " + orderKey));
                    }
                    return Uni.createFrom().item(result(rows));
                });
    }

    /** A status query the treasury, down a while, does not answer (the first two, of SILENT_THRICE). */
    private boolean silent(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return false;
        }
        Row row = rows.iterator().next();
        return behaviourOf(row.getString("beneficiary_id")) == Behaviour.SILENT_THRICE
                && row.getInteger("status_queries") <= 2;
    }

    private static TreasuryResult result(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return TreasuryResult.unknown();
        }
        Row row = rows.iterator().next();
        String reference = row.getString("reference");
        switch (row.getString("outcome")) {
            case "CONFIRMED":
            case "PAID":
                return TreasuryResult.confirmed(reference, row.getBigDecimal("confirmed_amount"));
            case "ACCEPTED":
                return TreasuryResult.accepted(reference);
            default:
                return TreasuryResult.rejected(
                        reference, row.getString("failure_code"), "收款账户已销户", "The beneficiary account is closed");
        }
    }

    Behaviour behaviourOf(String beneficiaryId) {
        if (config.simulatedClosedAccounts().orElse(List.of()).contains(beneficiaryId)) {
            return Behaviour.REJECT;
        }
        String told = config.simulatedBehaviours().get(beneficiaryId);
        return told == null ? Behaviour.NORMAL : Behaviour.valueOf(told.trim().toUpperCase(Locale.ROOT));
    }
}
