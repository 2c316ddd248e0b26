package io.grantflow.contracts.events;

/**
 * Who applies: the unified social credit code (or another registry id for non-enterprises),
 * the beneficiary kind and the district code of PROGRAMMES.md.
 */
public record Applicant(String id, String kind, String district) {}
