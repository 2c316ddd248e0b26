package io.grantflow.contracts;

/** Logical topic names of the suite; the list with partition counts is {@code topics.txt}. */
public final class Topics {
    public static final String APPLICATION_EVENTS = "applications.application.events";
    public static final String EVALUATION_EVENTS = "eligibility.evaluation.events";
    public static final String BUDGET_COMMANDS = "budget.commands";
    public static final String RESERVATION_EVENTS = "budget.reservation.events";
    public static final String PAYMENT_EVENTS = "disbursement.payment.events";
    /** Compacted, keyed by programme code: the catalogue as eligibility publishes it. */
    public static final String CATALOGUE_EVENTS = "eligibility.catalogue.events";

    private Topics() {}

    /** The dead-letter topic of one consumer, beside its input. */
    public static String deadLetter(String inputTopic, String consumer) {
        return inputTopic + "." + consumer + ".dlq";
    }
}
