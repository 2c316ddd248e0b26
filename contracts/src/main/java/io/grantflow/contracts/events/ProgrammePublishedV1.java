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
 *
 * @param proactive 免申即享: the government record that proves the programme's facts (ADR 0020);
 *                  absent (null) for a programme no record proves, and in messages published before
 *                  it existed: readers take absent as "no offer"
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
        Instant publishedAt,
        ProactiveOffer proactive) {
    /** A programme no government record proves (the form before ADR 0020). */
    public ProgrammePublishedV1(
            String code,
            String catalogueVersion,
            String nameZh,
            String nameEn,
            boolean administered,
            List<String> departments,
            List<String> beneficiaryKinds,
            List<String> flags,
            Map<String, Object> factsSchema,
            Instant publishedAt) {
        this(
                code,
                catalogueVersion,
                nameZh,
                nameEn,
                administered,
                departments,
                beneficiaryKinds,
                flags,
                factsSchema,
                publishedAt,
                null);
    }
}
