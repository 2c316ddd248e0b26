package io.grantflow.platform.rest;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;

/** One page of a Panache query: its total, then the rows of the page, each mapped to what the API shows. */
public final class Pages {
    private Pages() {}

    public static <E, R> Uni<Page<R>> of(PanacheQuery<E> query, PageRequest page, Function<E, R> map) {
        return query.count()
                .chain(total -> query.range(page.offset(), page.offset() + page.limit() - 1)
                        .list()
                        .map(rows -> new Page<>(rows.stream().map(map).toList(), total, page.limit(), page.offset())));
    }
}
