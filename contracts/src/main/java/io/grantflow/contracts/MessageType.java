package io.grantflow.contracts;

import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.commands.ReverseFundsV1;
import io.grantflow.contracts.commands.VoidReservationV1;
import io.grantflow.contracts.events.ApplicationEvaluatedV1;
import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.contracts.events.ApplicationSubmittedV1;
import io.grantflow.contracts.events.FundsExpiredV1;
import io.grantflow.contracts.events.FundsPostedV1;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.FundsReversedV1;
import io.grantflow.contracts.events.FundsVoidedV1;
import io.grantflow.contracts.events.PaymentClearanceRequestedV1;
import io.grantflow.contracts.events.PaymentClearanceV1;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.contracts.events.ProgrammePublishedV1;
import io.grantflow.contracts.events.RecoveryOrderedV1;
import io.grantflow.contracts.events.RecoveryRecordedV1;
import io.grantflow.contracts.events.ReservationRefusedV1;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every message of the published language: its CloudEvents type, the record that carries it,
 * the topic it travels on, the service that produces it and its JSON Schema.
 */
public enum MessageType {
    APPLICATION_SUBMITTED_V1(ApplicationSubmittedV1.class, Topics.APPLICATION_EVENTS, "applications"),
    APPLICATION_STATUS_CHANGED_V1(ApplicationStatusChangedV1.class, Topics.APPLICATION_EVENTS, "applications"),
    PAYMENT_CLEARANCE_V1(PaymentClearanceV1.class, Topics.APPLICATION_EVENTS, "applications"),
    APPLICATION_EVALUATED_V1(ApplicationEvaluatedV1.class, Topics.EVALUATION_EVENTS, "eligibility"),
    RESERVE_FUNDS_V1(ReserveFundsV1.class, Topics.BUDGET_COMMANDS, "applications"),
    FUNDS_RESERVED_V1(FundsReservedV1.class, Topics.RESERVATION_EVENTS, "budget"),
    RESERVATION_REFUSED_V1(ReservationRefusedV1.class, Topics.RESERVATION_EVENTS, "budget"),
    FUNDS_POSTED_V1(FundsPostedV1.class, Topics.RESERVATION_EVENTS, "budget"),
    FUNDS_VOIDED_V1(FundsVoidedV1.class, Topics.RESERVATION_EVENTS, "budget"),
    FUNDS_EXPIRED_V1(FundsExpiredV1.class, Topics.RESERVATION_EVENTS, "budget"),
    FUNDS_REVERSED_V1(FundsReversedV1.class, Topics.RESERVATION_EVENTS, "budget"),
    VOID_RESERVATION_V1(VoidReservationV1.class, Topics.BUDGET_COMMANDS, "applications"),
    REVERSE_FUNDS_V1(ReverseFundsV1.class, Topics.BUDGET_COMMANDS, "disbursement"),
    PAYMENT_COMPLETED_V1(PaymentCompletedV1.class, Topics.PAYMENT_EVENTS, "disbursement"),
    PAYMENT_FAILED_V1(PaymentFailedV1.class, Topics.PAYMENT_EVENTS, "disbursement"),
    PAYMENT_CLEARANCE_REQUESTED_V1(PaymentClearanceRequestedV1.class, Topics.PAYMENT_EVENTS, "disbursement"),
    RECOVERY_ORDERED_V1(RecoveryOrderedV1.class, Topics.PAYMENT_EVENTS, "disbursement"),
    RECOVERY_RECORDED_V1(RecoveryRecordedV1.class, Topics.PAYMENT_EVENTS, "disbursement"),
    PROGRAMME_PUBLISHED_V1(ProgrammePublishedV1.class, Topics.CATALOGUE_EVENTS, "eligibility");

    private final Class<? extends Record> recordType;
    private final String topic;
    private final String producer;

    MessageType(Class<? extends Record> recordType, String topic, String producer) {
        this.recordType = recordType;
        this.topic = topic;
        this.producer = producer;
    }

    /** CloudEvents {@code type}, e.g. {@code grantflow.applications.ApplicationSubmitted.v1}. */
    public String ceType() {
        String simple = recordType.getSimpleName();
        int v = simple.lastIndexOf('V');
        return "grantflow." + producer + "." + simple.substring(0, v) + ".v" + simple.substring(v + 1);
    }

    /** CloudEvents {@code source} of the producing service. */
    public String ceSource() {
        return "/grantflow/" + producer;
    }

    /** Resource path of the JSON Schema inside the contracts jar. */
    public String schemaResource() {
        return "grantflow/contracts/schemas/" + schemaFile();
    }

    /** File name of the JSON Schema under {@code contracts/schemas}. */
    public String schemaFile() {
        String simple = recordType.getSimpleName();
        int v = simple.lastIndexOf('V');
        return simple.substring(0, v) + ".v" + simple.substring(v + 1) + ".json";
    }

    public Class<? extends Record> recordType() {
        return recordType;
    }

    public String topic() {
        return topic;
    }

    public String producer() {
        return producer;
    }

    public static Optional<MessageType> ofCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType().equals(ceType)).findFirst();
    }

    public static MessageType of(Class<?> recordType) {
        return Arrays.stream(values())
                .filter(t -> t.recordType == recordType)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a contract message: " + recordType));
    }
}
