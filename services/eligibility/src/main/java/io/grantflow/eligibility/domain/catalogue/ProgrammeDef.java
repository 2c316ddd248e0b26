package io.grantflow.eligibility.domain.catalogue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One programme of the policy as the catalogue's data states it. */
public record ProgrammeDef(String code, int section, Text name, List<String> departments, boolean administered,
                           List<String> beneficiaryKinds, List<String> flags, String reference, List<FactDef> facts,
                           List<Condition> conditions, Award award, List<Limit> limits, String stagingPlan,
                           Map<String, Parameter> parameters) {

    public String department() {
        return departments.isEmpty() ? "unknown" : departments.get(0);
    }

    public Optional<FactDef> fact(String name) {
        return facts.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
