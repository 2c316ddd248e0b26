package io.grantflow.eligibility.domain.catalogue;

/** A threshold or required value: {@code fact op value}, where value may be {@code $parameter}. */
public record Condition(String fact, String op, Object value) {
}
