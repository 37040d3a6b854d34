package com.atsplatform.communications.persistence;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The pool as configured, with longer statements kept prepared: Vert.x caches only statements
 * under 2,048 characters by default, and a longer one (the status batch) was parsed and planned
 * again on every execution, which cost the database more than running it.
 */
@Singleton
public class PoolCreator implements PgPoolCreator {

    static final int PREPARED_STATEMENT_SQL_LIMIT = 16_384;

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> databases = new ArrayList<>();
        input.pgConnectOptionsList().forEach(options -> databases.add(options.setPreparedStatementCacheSqlLimit(PREPARED_STATEMENT_SQL_LIMIT)));
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(databases).using(input.vertx()).build();
    }
}
