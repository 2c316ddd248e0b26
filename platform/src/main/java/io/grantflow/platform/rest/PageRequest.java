package io.grantflow.platform.rest;

/**
 * The window of a list request: {@code limit} (default 50, at most 200) items from
 * {@code offset} (at most 100,000; beyond that, narrow the filters).
 */
public record PageRequest(int limit, int offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    public static final int MAX_OFFSET = 100_000;

    /** From the query parameters {@code limit} and {@code offset}; refuses values out of range. */
    public static PageRequest of(Integer limit, Integer offset) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        int o = offset == null ? 0 : offset;
        if (l < 1 || l > MAX_LIMIT) {
            throw ProblemException.invalidField(
                    "limit", "OUT_OF_RANGE", "须在1到" + MAX_LIMIT + "之间", "must be between 1 and " + MAX_LIMIT);
        }
        if (o < 0 || o > MAX_OFFSET) {
            throw ProblemException.invalidField(
                    "offset", "OUT_OF_RANGE", "须在0到" + MAX_OFFSET + "之间", "must be between 0 and " + MAX_OFFSET);
        }
        return new PageRequest(l, o);
    }
}
