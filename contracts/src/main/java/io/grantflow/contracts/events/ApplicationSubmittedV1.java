package io.grantflow.contracts.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An applicant submitted an application for one programme with its facts. */
public record ApplicationSubmittedV1(
        UUID applicationId, String programme, Applicant applicant, Map<String, Object> facts, Instant submittedAt) {}
