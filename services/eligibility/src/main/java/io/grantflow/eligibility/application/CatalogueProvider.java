package io.grantflow.eligibility.application;

import io.grantflow.eligibility.domain.Evaluator;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Loads the catalogue once at start-up and makes it and its evaluator injectable. Created at
 * start (not on first use) so that a broken catalogue stops the service before it takes any
 * request, naming the file and the field.
 */
@Startup
@ApplicationScoped
public class CatalogueProvider {
    private final Policy policy = CatalogueLoader.loadFromClasspath();

    @Produces
    public Policy policy() {
        return policy;
    }

    @Produces
    public Evaluator evaluator() {
        return new Evaluator(policy);
    }
}
