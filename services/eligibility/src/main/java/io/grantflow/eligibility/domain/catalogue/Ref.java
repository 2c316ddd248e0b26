package io.grantflow.eligibility.domain.catalogue;

/**
 * What a rule reads a value from: a parameter ({@code $name} in the file, resolved at load) or a
 * literal written in the rule itself. Exactly one of the two is set.
 */
public record Ref<T>(Parameter<T> parameter, T literal) {
    public static <T> Ref<T> to(Parameter<T> parameter) {
        return new Ref<>(parameter, null);
    }

    public static <T> Ref<T> literal(T value) {
        return new Ref<>(null, value);
    }

    /** How the file writes it. */
    @Override
    public String toString() {
        return parameter != null ? "$" + parameter.name() : String.valueOf(literal);
    }
}
