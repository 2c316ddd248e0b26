package io.grantflow.eligibility.application;

import io.grantflow.eligibility.domain.Catalogue;
import io.grantflow.eligibility.domain.Evaluator;
import io.grantflow.eligibility.domain.PolicyCatalogue2025;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the catalogue and its evaluator injectable. */
@ApplicationScoped
public class CatalogueProvider {
    private final Catalogue catalogue = PolicyCatalogue2025.load();

    @Produces
    public Catalogue catalogue() {
        return catalogue;
    }

    @Produces
    public Evaluator evaluator() {
        return new Evaluator(catalogue);
    }
}
