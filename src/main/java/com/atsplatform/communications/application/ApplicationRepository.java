package com.atsplatform.communications.application;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.api.Page;
import com.atsplatform.communications.persistence.Filter;
import com.atsplatform.communications.persistence.Pages;
import com.atsplatform.communications.persistence.Rows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of {@code applications} (the writes are {@link ApplicationStore}'s). */
@ApplicationScoped
public class ApplicationRepository {

    private final Pool pool;

    ApplicationRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return null when there is none */
    public Uni<JobApplication> findById(UUID id) {
        return pool.preparedQuery("select * from applications where id = $1").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows).map(JobApplication::from).orElse(null));
    }

    /** Applications matching the filters that are given (null filters are left out), newest first. */
    public Uni<Page<JobApplication>> search(UUID candidateId, ApplicationStatus status, int page, int size) {
        Filter filter = new Filter().equal("candidate_id", candidateId).equal("status", status);
        return Pages.of(pool, "applications", filter, "created_at desc, id", page, size, JobApplication::from);
    }
}
