package io.grantflow.eligibility.domain.catalogue;

import io.grantflow.eligibility.domain.rules.AwardRule;
import io.grantflow.eligibility.domain.rules.LimitRule;
import io.grantflow.eligibility.domain.rules.Staging;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One programme of the policy, parsed and checked at load: its facts, its conditions, its award
 * and limits as rules, its staging plan (null unless STAGED), its dated parameters and, for a
 * programme a government record proves, how ({@link Proactive}, 免申即享), and the departures
 * from its formula the text allows ({@link AllowedOverride}, 一事一议; empty for most).
 */
public record ProgrammeDef(
        String code,
        int section,
        Text name,
        List<String> departments,
        boolean administered,
        List<String> beneficiaryKinds,
        List<String> flags,
        String reference,
        List<FactDef> facts,
        List<Condition> conditions,
        AwardRule award,
        List<LimitRule> limits,
        Staging staging,
        Map<String, Parameter<?>> parameters,
        Proactive proactive,
        List<AllowedOverride> overrides) {

    public ProgrammeDef {
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /**
     * A departure from the formula the text allows: a reviewer may propose more than the ceiling
     * through it, with a justification, and the city approves (the applications service decides).
     *
     * @param kind      a published kind (MAJOR_RD_PROJECT, MAJOR_CARRIER_PLATFORM, KEY_COMPUTE_PROJECT)
     * @param reference the clause that allows it
     */
    public record AllowedOverride(String kind, String reference) {}

    /**
     * 免申即享 (ADR 0020): the government record that proves this programme's facts; null when
     * none does.
     *
     * @param recordFacts facts the record carries
     * @param presetFacts facts the offer fills without the record (values as JSON would give them)
     */
    public record Proactive(
            String recordKind, List<String> recordFacts, Map<String, Object> presetFacts, String reference) {}

    public String department() {
        return departments.isEmpty() ? "unknown" : departments.get(0);
    }

    public Optional<FactDef> fact(String name) {
        return facts.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
