package com.atsplatform.communications.persistence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Group commit: callers submit their items, and items submitted while earlier ones are being
 * written go out together in one statement (one round trip, one commit). No timer: a lone caller
 * is written at once; under load, batches grow by themselves to what arrived during the previous
 * write, up to {@code maxItems}. A caller's items always share one batch, so they commit together,
 * and a caller hears back only once its batch committed.
 * <p>
 * A batch the database refuses as data ({@code isolatable}) is written again item by item, so a bad
 * item fails only itself: its result is {@code refused(failure)}. Any other failure fails every
 * caller of the batch; nothing of it was committed.
 *
 * @param <I> what callers submit
 * @param <O> what each item became, in the order submitted
 */
public final class GroupCommit<I, O> {

    /** A caller waiting for its items. */
    private record Waiting<I, O>(List<I> items, UniEmitter<? super List<O>> emitter) {
    }

    private final Function<List<I>, Uni<List<O>>> write;
    private final Predicate<Throwable> isolatable;
    private final Function<Throwable, O> refused;
    private final int maxItems;
    private final int maxInFlight;
    private final IntConsumer batchSizes;

    private final ArrayDeque<Waiting<I, O>> queue = new ArrayDeque<>();
    private int queued;
    private int inFlight;

    /**
     * @param write       writes a batch in one statement, one result per item in order
     * @param maxInFlight batches written at the same time (each holds a connection)
     * @param batchSizes  told the size of every batch written
     */
    public GroupCommit(Function<List<I>, Uni<List<O>>> write, Predicate<Throwable> isolatable, Function<Throwable, O> refused,
            int maxItems, int maxInFlight, IntConsumer batchSizes) {
        this.write = write;
        this.isolatable = isolatable;
        this.refused = refused;
        this.maxItems = maxItems;
        this.maxInFlight = maxInFlight;
        this.batchSizes = batchSizes;
    }

    /** The results of these items once they are committed; the write goes on if the caller cancels. */
    public Uni<List<O>> submit(List<I> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return CallersContext.resumeOn(Uni.createFrom().emitter(emitter -> {
            synchronized (queue) {
                queue.add(new Waiting<>(List.copyOf(items), emitter));
                queued += items.size();
            }
            flush();
        }));
    }

    /** Items submitted and not yet being written: a backlog that grows means the writers cannot keep up. */
    public int waiting() {
        synchronized (queue) {
            return queued;
        }
    }

    /** Starts writing what is queued, if a writer is free. */
    private void flush() {
        List<Waiting<I, O>> batch = new ArrayList<>();
        synchronized (queue) {
            if (inFlight >= maxInFlight || queue.isEmpty()) {
                return;
            }
            int size = 0;
            // The first caller always goes, even with more than maxItems items.
            while (!queue.isEmpty() && (batch.isEmpty() || size + queue.peek().items().size() <= maxItems)) {
                Waiting<I, O> next = queue.poll();
                batch.add(next);
                size += next.items().size();
            }
            queued -= size;
            inFlight++;
        }
        List<I> items = new ArrayList<>();
        batch.forEach(waiting -> items.addAll(waiting.items()));
        batchSizes.accept(items.size());
        writeIsolating(items).subscribe().with(results -> {
            finished();
            int from = 0;
            for (Waiting<I, O> waiting : batch) {
                int to = from + waiting.items().size();
                waiting.emitter().complete(List.copyOf(results.subList(from, to)));
                from = to;
            }
        }, failure -> {
            finished();
            batch.forEach(waiting -> waiting.emitter().fail(failure));
        });
    }

    private void finished() {
        synchronized (queue) {
            inFlight--;
        }
        flush();
    }

    private Uni<List<O>> writeIsolating(List<I> items) {
        return writing(items).onFailure(isolatable).recoverWithUni(failure -> items.size() == 1
                ? Uni.createFrom().item(List.of(refused.apply(failure)))
                : Multi.createFrom().iterable(items)
                        .onItem().transformToUniAndConcatenate(item -> writing(List.of(item)).map(results -> results.get(0))
                                .onFailure(isolatable).recoverWithItem(refused))
                        .collect().asList());
    }

    /** The write, with anything it throws before its statement runs as a failure (so the writer is always released). */
    private Uni<List<O>> writing(List<I> items) {
        return Uni.createFrom().deferred(() -> write.apply(items));
    }
}
