package com.atsplatform.communications.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * The batching itself, with writes the test completes by hand; the statement it drives is tested
 * against PostgreSQL in the webhook tests.
 */
class GroupCommitTest {

    /** A write the test ends: its items, and the emitter to answer it with. */
    record Write(List<String> items, UniEmitter<? super List<String>> emitter) {

        void succeed() {
            emitter.complete(items.stream().map(item -> "done " + item).toList());
        }
    }

    private final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
    private final List<Integer> batchSizes = new ArrayList<>();

    private GroupCommit<String, String> groupCommit(int maxItems, int maxInFlight) {
        return new GroupCommit<>(items -> Uni.createFrom().emitter(emitter -> writes.add(new Write(items, emitter))),
                failure -> failure instanceof IllegalArgumentException, failure -> "refused", maxItems, maxInFlight, batchSizes::add);
    }

    @Test
    void aLoneCallerIsWrittenAtOnce() throws Exception {
        GroupCommit<String, String> commit = groupCommit(100, 1);

        CompletableFuture<List<String>> result = submit(commit, "a", "b");

        assertThat(writes).hasSize(1);
        writes.poll().succeed();
        assertThat(result.get(1, TimeUnit.SECONDS)).containsExactly("done a", "done b");
    }

    @Test
    void whatArrivesDuringAWriteGoesOutTogetherAndEachCallerGetsItsOwnResults() throws Exception {
        GroupCommit<String, String> commit = groupCommit(100, 1);
        CompletableFuture<List<String>> first = submit(commit, "a");
        CompletableFuture<List<String>> second = submit(commit, "b", "c");
        CompletableFuture<List<String>> third = submit(commit, "d");

        assertThat(writes).hasSize(1);
        assertThat(commit.waiting()).isEqualTo(3);
        writes.poll().succeed();

        assertThat(first.get(1, TimeUnit.SECONDS)).containsExactly("done a");
        Write together = writes.poll();
        assertThat(together.items()).containsExactly("b", "c", "d");
        assertThat(second).isNotDone();
        together.succeed();
        assertThat(second.get(1, TimeUnit.SECONDS)).containsExactly("done b", "done c");
        assertThat(third.get(1, TimeUnit.SECONDS)).containsExactly("done d");
        assertThat(batchSizes).containsExactly(1, 3);
        assertThat(commit.waiting()).isZero();
    }

    @Test
    void aCallersItemsAreNeverSplitAndABatchStopsAtItsLimit() {
        GroupCommit<String, String> commit = groupCommit(3, 1);
        submit(commit, "busy");
        submit(commit, "a", "b");
        submit(commit, "c", "d");
        submit(commit, "e", "f", "g", "h");

        writes.poll().succeed();
        Write second = writes.poll();
        assertThat(second.items()).containsExactly("a", "b");
        second.succeed();
        Write third = writes.poll();
        assertThat(third.items()).containsExactly("c", "d");
        third.succeed();
        // A caller with more items than the limit still goes, alone.
        assertThat(writes.poll().items()).containsExactly("e", "f", "g", "h");
    }

    @Test
    void aBatchRefusedAsDataIsWrittenAgainItemByItemAndOnlyTheBadItemIsRefused() throws Exception {
        GroupCommit<String, String> commit = groupCommit(100, 1);
        submit(commit, "busy");
        CompletableFuture<List<String>> good = submit(commit, "a");
        CompletableFuture<List<String>> mixed = submit(commit, "bad", "b");
        writes.poll().succeed();

        writes.poll().emitter().fail(new IllegalArgumentException("a value the database cannot store"));
        for (String item : List.of("a", "bad", "b")) {
            Write alone = writes.poll();
            assertThat(alone.items()).containsExactly(item);
            if (item.equals("bad")) {
                alone.emitter().fail(new IllegalArgumentException("still refused"));
            } else {
                alone.succeed();
            }
        }

        assertThat(good.get(1, TimeUnit.SECONDS)).containsExactly("done a");
        assertThat(mixed.get(1, TimeUnit.SECONDS)).containsExactly("refused", "done b");
    }

    @Test
    void anyOtherFailureFailsEveryCallerOfThatBatchAndNoOther() throws Exception {
        GroupCommit<String, String> commit = groupCommit(100, 1);
        submit(commit, "busy");
        CompletableFuture<List<String>> first = submit(commit, "a");
        CompletableFuture<List<String>> second = submit(commit, "b");
        writes.poll().succeed();
        Write failing = writes.poll();
        CompletableFuture<List<String>> later = submit(commit, "c");

        failing.emitter().fail(new IllegalStateException("connection lost"));

        assertThatThrownBy(() -> first.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> second.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        writes.poll().succeed();
        assertThat(later.get(1, TimeUnit.SECONDS)).containsExactly("done c");
    }

    @Test
    void aWriteThatThrowsBeforeItsStatementFailsItsCallerAndFreesTheWriter() throws Exception {
        List<List<String>> attempts = new ArrayList<>();
        GroupCommit<String, String> commit = new GroupCommit<>(items -> {
            attempts.add(items);
            if (items.contains("unencodable")) {
                throw new IllegalStateException("cannot build the statement");
            }
            return Uni.createFrom().item(items.stream().map(item -> "done " + item).toList());
        }, failure -> false, failure -> "refused", 100, 1, batchSizes::add);

        CompletableFuture<List<String>> failing = submit(commit, "unencodable");
        CompletableFuture<List<String>> next = submit(commit, "a");

        assertThatThrownBy(() -> failing.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(next.get(1, TimeUnit.SECONDS)).containsExactly("done a");
        assertThat(attempts).containsExactly(List.of("unencodable"), List.of("a"));
    }

    @Test
    void upToMaxInFlightBatchesAreWrittenAtTheSameTime() {
        GroupCommit<String, String> commit = groupCommit(100, 2);
        submit(commit, "a");
        submit(commit, "b");
        submit(commit, "c");

        assertThat(writes).hasSize(2);
        assertThat(commit.waiting()).isEqualTo(1);
        writes.poll().succeed();
        assertThat(writes).hasSize(2);
        assertThat(writes.peek().items()).containsExactly("b");
    }

    private static CompletableFuture<List<String>> submit(GroupCommit<String, String> commit, String... items) {
        return commit.submit(List.of(items)).subscribeAsCompletionStage().toCompletableFuture()
                .orTimeout(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
    }
}
