package io.grantflow.budget.application;

import io.grantflow.budget.domain.Catalogue;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The catalogue as the eligibility service published it to this service's programme directory. */
@ApplicationScoped
public class BudgetCatalogue implements Catalogue {
    static final String BLOCK_GRANT = "BLOCK_GRANT";

    private final ProgrammeDirectory directory;

    public BudgetCatalogue(ProgrammeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Optional<Programme> programme(String code) {
        return directory
                .find(code)
                .map(p -> new Programme(p.code(), p.administered(), p.departments(), p.flagged(BLOCK_GRANT)));
    }

    @Override
    public boolean published() {
        return directory.known();
    }
}
