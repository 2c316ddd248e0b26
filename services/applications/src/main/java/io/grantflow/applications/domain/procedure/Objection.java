package io.grantflow.applications.domain.procedure;

import io.grantflow.platform.text.Bilingual;
import java.time.Instant;

/** An objection raised during the public announcement (公示异议): who, in which role, why, when. */
public record Objection(String raisedBy, ActorRole role, Bilingual reasons, Instant raisedAt) {}
