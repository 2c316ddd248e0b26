package io.grantflow.platform.rest;

import java.util.UUID;

/**
 * Reads optional query parameters strictly. JAX-RS answers a query parameter it cannot convert
 * with 404; a caller deserves a 400 problem that names the parameter.
 */
public final class QueryParams {
    private QueryParams() {
    }

    /** The UUID in {@code value}, null when absent. */
    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "INVALID_PARAMETER", "须为UUID格式的编号", "Must be a UUID");
        }
    }

    /** The whole number in {@code value}, null when absent. */
    public static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "INVALID_PARAMETER", "须为整数", "Must be a whole number");
        }
    }
}
