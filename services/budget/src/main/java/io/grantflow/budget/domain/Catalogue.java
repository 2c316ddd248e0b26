package io.grantflow.budget.domain;

import java.util.List;
import java.util.Optional;

/**
 * What the budget needs to know of the policy catalogue (as the eligibility service publishes
 * it): whether a programme exists and is administered here, its departments, and whether it is
 * paid as a district block grant (拨改转).
 */
public interface Catalogue {
    /** A programme as the catalogue publishes it. */
    record Programme(String code, boolean administered, List<String> departments, boolean blockGrant) {}

    Optional<Programme> programme(String code);

    /** False until the catalogue was published to this service. */
    boolean published();

    /** A catalogue not published yet: nothing can be checked against it. */
    Catalogue UNPUBLISHED = new Catalogue() {
        @Override
        public Optional<Programme> programme(String code) {
            return Optional.empty();
        }

        @Override
        public boolean published() {
            return false;
        }
    };
}
