package io.grantflow.disbursement.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The treasury gateway ({@code grantflow.treasury.*}). */
@ConfigMapping(prefix = "grantflow.treasury")
public interface TreasuryConfig {
    /**
     * Which gateway pays: {@code simulated} is for local runs and tests only. The production
     * profile has no default, so a deployment that does not choose does not start.
     */
    Optional<String> gateway();

    /** Beneficiaries whose account the simulator reports closed: lets tests and demos see a failure. */
    Optional<List<String>> simulatedClosedAccounts();

    /**
     * How the simulator treats the orders of a beneficiary (credit code): {@code TIMEOUT_ONCE}
     * (executes, but the answer is lost once), {@code REJECT}, {@code CONFIRM_LATE} (accepted, confirmed
     * on the third status query), {@code CONFIRM_LESS} (confirms 90 % of the order),
     * {@code CONFIRM_MORE} (confirms a fen more than ordered), {@code CONFIRM_TWICE} (confirms, then
     * sends the same confirmation again a second later, of its own accord).
     */
    Map<String, String> simulatedBehaviours();

    /** How many open payments one run of the payment worker takes. */
    @WithDefault("50")
    int batchSize();

    /** The first wait after a treasury call that got no answer; it doubles each time. */
    @WithDefault("2s")
    Duration retryFirst();

    /** The longest wait between two attempts. */
    @WithDefault("10m")
    Duration retryMax();

    /** Attempts without an answer after which the payment is parked: held (TREASURY_NO_ANSWER) for an operator. */
    @WithDefault("30")
    int maxAttempts();

    /** How long a payment is retried, from its first attempt (or an operator's retry), before it is parked. */
    @WithDefault("P7D")
    Duration retryWindow();

    /** How long one call to the treasury may take before it counts as no answer. */
    @WithDefault("30s")
    Duration callTimeout();

    /** How often an accepted order is asked for its confirmation. */
    @WithDefault("2s")
    Duration confirmationPoll();

    /** How long one worker owns a payment it is sending (a crashed worker's payments are taken up after it). */
    @WithDefault("2m")
    Duration lease();
}
