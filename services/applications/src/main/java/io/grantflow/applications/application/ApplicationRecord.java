package io.grantflow.applications.application;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An application as the application layer hands it out (facts as submitted JSON). */
public record ApplicationRecord(
        UUID id,
        String applicantId,
        String programme,
        String district,
        String factsJson,
        String status,
        BigDecimal ceiling,
        String department,
        BigDecimal approvedAmount,
        BigDecimal paidAmount,
        String reasonZh,
        String reasonEn,
        OffsetDateTime submittedAt,
        OffsetDateTime updatedAt,
        String claimedBy,
        LocalDate reviewDue,
        OffsetDateTime createdAt,
        /* the procedure's snapshot as stored (JSON); null for a row of the first flow not loaded since */
        String procedureJson) {}
