package io.grantflow.contracts.commands;

import java.time.Instant;
import java.util.UUID;

/** Release a reservation that will not be spent (award withdrawn or revoked before payment). */
public record VoidReservationV1(UUID reservationId, String reason, Instant requestedAt) {}
