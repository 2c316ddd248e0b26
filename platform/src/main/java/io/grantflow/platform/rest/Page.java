package io.grantflow.platform.rest;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list answer: the items, how many there are in all, and the window asked for.
 * Every list endpoint answers this shape, so that no answer grows with the data.
 */
public record Page<T>(List<T> items, long total, int limit, int offset) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, limit, offset);
    }

    /** A page cut from a list already in memory (small, bounded lists such as the catalogue). */
    public static <T> Page<T> of(List<T> all, PageRequest request) {
        int from = Math.min(request.offset(), all.size());
        int to = Math.min(from + request.limit(), all.size());
        return new Page<>(List.copyOf(all.subList(from, to)), all.size(), request.limit(), request.offset());
    }
}
