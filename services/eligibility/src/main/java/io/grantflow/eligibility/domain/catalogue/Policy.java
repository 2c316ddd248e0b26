package io.grantflow.eligibility.domain.catalogue;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The policy and all its programmes: the catalogue one evaluation reads. */
public record Policy(String id, String version, Text title, LocalDate validFrom, LocalDate validTo,
                     String validityReference, Map<String, Text> departments, Map<String, Text> districts,
                     Map<String, Parameter> parameters, Map<String, ProgrammeDef> programmes) {

    public Optional<ProgrammeDef> programme(String code) {
        return Optional.ofNullable(programmes.get(code));
    }

    public Collection<ProgrammeDef> allProgrammes() {
        return programmes.values();
    }

    /** Every programme sharing an exclusivity group. */
    public List<String> groupMembers(String group) {
        return programmes.values().stream()
                .filter(p -> p.limits().stream().anyMatch(l -> l instanceof Limit.ExclusiveGroup g && g.group().equals(group)))
                .map(ProgrammeDef::code).toList();
    }
}
