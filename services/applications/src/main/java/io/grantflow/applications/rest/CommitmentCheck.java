package io.grantflow.applications.rest;

import io.grantflow.applications.application.commitment.CreditCommitments;
import io.grantflow.applications.domain.CreditCommitment;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import java.util.List;

/** The credit commitment a submission names must be a released version, and the one in force. */
final class CommitmentCheck {
    private CommitmentCheck() {}

    static CreditCommitment current(CreditCommitments commitments, String version) {
        if (version == null) {
            return null;
        }
        CreditCommitment named = commitments
                .find(version)
                .orElseThrow(() -> ProblemException.invalidField(
                        "commitmentVersion",
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
                            "commitmentVersion",
                            "COMMITMENT_SUPERSEDED",
                            "现行版本为 " + current.version(),
                            "the version in force is " + current.version())));
        }
        return named;
    }
}
