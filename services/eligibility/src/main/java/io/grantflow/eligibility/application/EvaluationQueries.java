package io.grantflow.eligibility.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.events.Reason;
import io.grantflow.eligibility.persistence.EvaluationEntity;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Reads stored evaluations. */
@ApplicationScoped
public class EvaluationQueries {
    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {};

    private final ObjectMapper json;

    public EvaluationQueries(ObjectMapper json) {
        this.json = json;
    }

    /** A stored evaluation of a submitted application. */
    public record StoredEvaluation(
            UUID applicationId,
            String applicantId,
            String programme,
            boolean eligible,
            BigDecimal ceiling,
            String department,
            /** Why the application is or is not eligible: each reason's code and message in Chinese and English. */
            List<Reason> reasons,
            /** A one-line summary of the calculation as the evaluation event carried it. */
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
                            reasons(e.reasons),
                            e.trace,
                            e.catalogueVersion);
                });
    }

    private List<Reason> reasons(String stored) {
        try {
            return json.readValue(stored, REASONS);
        } catch (JsonProcessingException e) {
            // written by this service from a list of reasons: unreadable means a damaged row
            throw new IllegalStateException("stored reasons are not a JSON list of reasons", e);
        }
    }
}
