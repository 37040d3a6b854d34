package com.atsplatform.communications.candidate;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.persistence.Filter;
import com.atsplatform.communications.persistence.Pages;
import com.atsplatform.communications.persistence.Rows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of {@code candidates} (the writes are {@link CandidateStore}'s). */
@ApplicationScoped
public class CandidateRepository {

    private final Pool pool;

    CandidateRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return null when there is none */
    public Uni<Candidate> findById(UUID id) {
        return pool.preparedQuery("select * from candidates where id = $1").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows).map(Candidate::from).orElse(null));
    }

    public Uni<Page<Candidate>> newestFirst(int page, int size) {
        return Pages.of(pool, "candidates", new Filter(), "created_at desc, id", page, size, Candidate::from);
    }
}
