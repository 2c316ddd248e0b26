package io.grantflow.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One programme of the policy catalogue as the eligibility service publishes it, so that other
 * services check codes and facts against the catalogue without a copy of its rules: whether it
 * is administered here, its departments, beneficiary kinds and flags, and the JSON Schema of its
 * facts. Keyed by programme code on a compacted topic: the latest message per code is the
 * catalogue's current word.
 */
public record ProgrammePublishedV1(
        String code,
        String catalogueVersion,
        String nameZh,
        String nameEn,
        boolean administered,
        List<String> departments,
        List<String> beneficiaryKinds,
        List<String> flags,
        Map<String, Object> factsSchema,
        Instant publishedAt) {}
