package io.grantflow.eligibility.domain;

/** One step of an evaluation's explanation: the rule, the clause it applies, what it found. */
public record TraceStep(String rule, String clause, String detailZh, String detailEn) {}
