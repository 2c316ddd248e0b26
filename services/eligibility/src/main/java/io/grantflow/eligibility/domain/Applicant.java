package io.grantflow.eligibility.domain;

/** The applicant as the evaluation sees it. */
public record Applicant(String id, String kind, String district) {}
