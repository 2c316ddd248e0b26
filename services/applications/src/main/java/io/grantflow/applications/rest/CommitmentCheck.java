package io.grantflow.applications.rest;

import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.applications.domain.CreditCommitment;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import java.util.List;

/**
 * The credit commitment (信用承诺) a submission names: every submission must name one (issue #10),
 * a released version, and the one in force.
 */
final class CommitmentCheck {
    static final String FIELD = "commitmentVersion";

    private CommitmentCheck() {}

    /** The refusal of a submission that names no commitment: 400 on {@value #FIELD}. */
    static FieldError missing() {
        return new FieldError(
                FIELD,
                "COMMITMENT_REQUIRED",
                "提交申报须阅读并接受现行信用承诺书（GET /credit-commitments/current），并注明其版本",
                "A submission must accept the credit commitment in force (GET /credit-commitments/current) and"
                        + " name its version");
    }

    static CreditCommitment current(CreditCommitments commitments, String version) {
        if (version == null || version.isBlank()) {
            throw ProblemException.badRequest(List.of(missing()));
        }
        CreditCommitment named = commitments
                .find(version)
                .orElseThrow(() -> ProblemException.invalidField(
                        FIELD,
                        "UNKNOWN_COMMITMENT_VERSION",
                        "没有该版本的信用承诺书：" + Problems.echo(version),
                        "no such version of the credit commitment: " + Problems.echo(version)));
        CreditCommitment current = commitments.current();
        if (!named.version().equals(current.version())) {
            throw ProblemException.unprocessable(
                    "COMMITMENT_SUPERSEDED",
                    "该版本信用承诺书已被 " + current.version() + " 版取代，请阅读并接受现行版本",
                    "This version of the credit commitment was superseded by " + current.version()
                            + "; read and accept the version in force",
                    List.of(new FieldError(
                            FIELD,
                            "COMMITMENT_SUPERSEDED",
                            "现行版本为 " + current.version(),
                            "the version in force is " + current.version())));
        }
        return named;
    }
}
