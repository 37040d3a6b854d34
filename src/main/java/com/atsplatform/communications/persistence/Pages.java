package com.atsplatform.communications.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.atsplatform.communications.api.Page;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** One page of a table's rows that match a filter, with the count of them all. */
public final class Pages {

    private Pages() {
    }

    /**
     * @param orderBy a total order (ends with a unique column), so pages neither repeat nor skip rows
     */
    public static <T> Uni<Page<T>> of(Pool pool, String table, Filter filter, String orderBy, int page, int size, Function<Row, T> mapper) {
        String count = "select count(*) from " + table + " where " + filter.where();
        String select = "select * from " + table + " where " + filter.where() + " order by " + orderBy
                + " limit $" + filter.next() + " offset $" + (filter.next() + 1);
        return pool.preparedQuery(count).execute(filter.values()).map(rows -> rows.iterator().next().getLong(0))
                .flatMap(total -> pool.preparedQuery(select).execute(filter.values(size, (long) page * size)).map(rows -> {
                    List<T> items = new ArrayList<>();
                    rows.forEach(row -> items.add(mapper.apply(row)));
                    return new Page<>(items, total, page, size);
                }));
    }
}
