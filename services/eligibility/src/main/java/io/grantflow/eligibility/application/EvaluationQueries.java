package io.grantflow.eligibility.application;

import io.grantflow.eligibility.persistence.EvaluationEntity;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.UUID;

/** Reads stored evaluations. */
@ApplicationScoped
public class EvaluationQueries {

    /** A stored evaluation of a submitted application. */
    public record StoredEvaluation(
            UUID applicationId,
            String applicantId,
            String programme,
            boolean eligible,
            BigDecimal ceiling,
            String department,
            String reasons,
            String trace,
            String catalogueVersion) {}

    public Uni<StoredEvaluation> get(UUID applicationId) {
        return Panache.withSession(() -> EvaluationEntity.<EvaluationEntity>findById(applicationId))
                .map(e -> {
                    if (e == null) {
                        throw ProblemException.notFound("评估", "evaluation", applicationId.toString());
                    }
                    return new StoredEvaluation(
                            e.applicationId,
                            e.applicantId,
                            e.programme,
                            e.eligible,
                            e.ceiling,
                            e.department,
                            e.reasons,
                            e.trace,
                            e.catalogueVersion);
                });
    }
}
