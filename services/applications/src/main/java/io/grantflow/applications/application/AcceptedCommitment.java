package io.grantflow.applications.application;

import java.time.OffsetDateTime;

/** The credit commitment (信用承诺) an application was submitted (or its offer confirmed) with: which text, as served. */
public record AcceptedCommitment(String version, String textSha256, String acceptedBy, OffsetDateTime acceptedAt) {}
