package io.grantflow.eligibility.domain.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy and all its programmes: the catalogue one evaluation reads. Departments and
 * districts are contracts' vocabulary; the general provisions' parameters are typed (G2 the
 * jurisdiction, G4 the annual amount and count per beneficiary).
 */
public record Policy(
        String id,
        String version,
        Text title,
        LocalDate validFrom,
        LocalDate validTo,
        String validityReference,
        Map<String, Text> departments,
        Map<String, Text> districts,
        Map<String, Parameter<?>> parameters,
        Map<String, ProgrammeDef> programmes,
        Parameter<List<String>> jurisdiction,
        Parameter<BigDecimal> annualAwardAmount,
        Parameter<BigDecimal> annualAwardCount) {

    public Optional<ProgrammeDef> programme(String code) {
        return Optional.ofNullable(programmes.get(code));
    }

    public Collection<ProgrammeDef> allProgrammes() {
        return programmes.values();
    }
}
