package io.grantflow.eligibility.domain.catalogue;

/**
 * A threshold or required value: {@code fact op value}, where value is a parameter or a literal
 * of the type the operator and the fact call for (checked at load).
 */
public record Condition(String fact, Operator op, Ref<?> value) {}
