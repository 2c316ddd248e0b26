package io.grantflow.platform.rest;

/**
 * The {@code Idempotency-Key} header every state-changing POST takes: what it may be, and its
 * check, written once so that every service names the header (not a Java parameter) in the
 * problem of a malformed one.
 */
public final class IdempotencyKeys {
    /** 1 to 100 letters, digits or {@code . _ : -}: short enough to index, safe in logs and URLs. */
    public static final String PATTERN = "^[A-Za-z0-9._:-]{1,100}$";

    public static final String HEADER = "Idempotency-Key";

    private IdempotencyKeys() {}

    /** The header's value (null when absent), refused with a 400 problem naming it when malformed. */
    public static String checked(String key) {
        if (key != null && !key.matches(PATTERN)) {
            throw ProblemException.invalidField(
                    HEADER,
                    "INVALID_IDEMPOTENCY_KEY",
                    "Idempotency-Key 须为 1 至 100 个字母、数字或 . _ : -",
                    "An Idempotency-Key is 1 to 100 letters, digits or . _ : -");
        }
        return key;
    }
}
