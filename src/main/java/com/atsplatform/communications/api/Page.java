package com.atsplatform.communications.api;

import java.util.List;
import java.util.function.Function;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** One page of a list, newest first: {@code page} counts from 0. */
@RegisterForReflection
public record Page<T>(List<T> items, long total, int page, int size) {

    /** The page of a query's results, with the count of them all (run in the caller's session). */
    public static <T> Uni<Page<T>> of(PanacheQuery<T> query, int page, int size) {
        return query.count().flatMap(total -> query.page(page, size).list().map(items -> new Page<>(items, total, page, size)));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, page, size);
    }
}
