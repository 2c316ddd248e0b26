package io.grantflow.eligibility.domain.catalogue;

/** A text in Chinese and English. */
public record Text(String zh, String en) {}
