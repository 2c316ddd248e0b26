package io.grantflow.eligibility.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The policy catalogue: validity, jurisdiction and programmes, with the clause of each value.
 * Versioned: every evaluation names {@link #version()}.
 */
public final class Catalogue {
    private final String version;
    private final LocalDate validFrom;
    private final LocalDate validTo;
    private final Set<String> districts;
    private final Map<String, Programme> programmes = new LinkedHashMap<>();

    public Catalogue(String version, LocalDate validFrom, LocalDate validTo, Set<String> districts,
                     Collection<Programme> programmes) {
        this.version = version;
        this.validFrom = validFrom;
        this.validTo = validTo;
        this.districts = Set.copyOf(districts);
        programmes.forEach(p -> this.programmes.put(p.code(), p));
    }

    public String version() {
        return version;
    }

    public LocalDate validFrom() {
        return validFrom;
    }

    public LocalDate validTo() {
        return validTo;
    }

    public boolean inJurisdiction(String district) {
        return districts.contains(district);
    }

    public Optional<Programme> programme(String code) {
        return Optional.ofNullable(programmes.get(code));
    }

    public Collection<Programme> programmes() {
        return programmes.values();
    }
}
