package io.grantflow.platform.rest;

import java.util.Collection;
import java.util.UUID;

/**
 * Reads optional query parameters strictly. JAX-RS answers a query parameter it cannot convert
 * with 404; a caller deserves a 400 problem that names the parameter.
 */
public final class QueryParams {
    private QueryParams() {}

    /** The UUID in {@code value}, null when absent. */
    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "INVALID_PARAMETER", "须为UUID格式的编号", "must be a UUID");
        }
    }

    /** {@code value} when it is one of {@code allowed}, null when absent; otherwise 400 naming the parameter. */
    public static String oneOf(String name, String value, Collection<String> allowed) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!allowed.contains(value)) {
            throw ProblemException.invalidField(
                    name,
                    "INVALID_PARAMETER",
                    "取值无效：" + Problems.echo(value),
                    "not an accepted value: " + Problems.echo(value));
        }
        return value;
    }

    /** The whole number in {@code value}, null when absent. */
    public static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "INVALID_PARAMETER", "须为整数", "must be a whole number");
        }
    }
}
