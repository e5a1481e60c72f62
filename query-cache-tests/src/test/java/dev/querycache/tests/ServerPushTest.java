package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryFilter;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.Gesture;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowIds;
import dev.querycache.collection.RowPush;
import dev.querycache.collection.Transaction;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.RowLog;
import dev.querycache.test.TransitionRecorder;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of rows the server pushes ({@code QueryCollection.applyPush}): revisions that
 * order each row's changes, deletions remembered against older pushes, the client's own
 * changes recognised by their write key, and fetches that do not undo pushes. Each test reads
 * as the story a table shows ({@link RowLog}).
 */
class ServerPushTest {
  /** A post of a feed: the server counts the likes. */
  record Post(String id, String text, int likes) {
    Post liked() {
      return new Post(id, text, likes + 1);
    }

    Post withText(String newText) {
      return new Post(id, newText, likes);
    }
  }

  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client = time.clientBuilder().toaster(toaster).build();
  final TransitionRecorder recorder = new TransitionRecorder(client);
  final ControllableQuery<List<Post>> server = new ControllableQuery<>();
  final ControllableMutation<List<PendingChange<String, Post>>, String> saves = new ControllableMutation<>();
  final String id = RowIds.mint();
  QueryCollection<String, Post> posts;
  RowLog<String, Post> table;

  @BeforeEach
  void openTheFeed() {
    posts = client.collection(
            QueryOptions.builder(QueryKey.<List<Post>>of("posts")).asyncFetcher(server).retry(0).build(), Post::id)
        .mintedIds()
        .errorMessage("Could not save the post")
        .onInsertAsync(saves::mutate)
        .onUpdateAsync(saves::mutate)
        .onDeleteAsync(saves::mutate)
        .build();
    server.resolve(List.of());
    table = recorder.rows(posts, post -> post.text() + " (" + post.likes() + ")");
  }

  @AfterEach
  void close() {
    client.close();
  }

  /** The write key the client sent with its pending write: what the server's push carries back. */
  String writeKeySent() {
    return saves.latestCall().variables().get(0).transaction().writeKey();
  }

  // ---- revisions ------------------------------------------------------------------------------

  @Test
  void aPushedRowIsANewRowAtTheEnd() {
    String other = RowIds.mint();
    posts.applyPush(RowPush.upsert(new Post(id, "First", 0), 1));

    posts.applyPush(RowPush.upsert(new Post(other, "Second", 0), 2));

    assertThat(posts.rows()).extracting(Post::text).containsExactly("First", "Second");
    table.assertSequence("added " + id + ": First (0)", "added " + other + ": Second (0)");
  }

  @Test
  void aPushAtAnOlderRevisionOfTheRowIsDropped() {
    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 3), 5));

    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 2), 4)); // sent before, arrived after

    assertThat(posts.get(id)).contains(new Post(id, "Hello", 3));
    table.assertSequence("added " + id + ": Hello (3)");
  }

  @Test
  void aRepeatedPushChangesNothing() {
    RowPush<String, Post> push = RowPush.upsert(new Post(id, "Hello", 3), 5);
    posts.applyPush(push);

    posts.applyPush(push); // the stream reconnected and sent it again

    table.assertSequence("added " + id + ": Hello (3)");
  }

  @Test
  void aNewerPushMergesIntoTheSameRowAsOneRowChange() {
    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 3), 5));

    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 4), 6));

    table.assertSequence("added " + id + ": Hello (3)", "changed " + id + ": Hello (3) -> Hello (4)");
  }

  @Test
  void aPushedDeletionIsRememberedSoAnOlderUpsertDoesNotBringTheRowBack() {
    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 3), 5));
    posts.applyPush(RowPush.delete(id, 7));

    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 4), 6)); // a like before the deletion, arrived late

    assertThat(posts.get(id)).isEmpty();
    table.assertSequence("added " + id + ": Hello (3)", "removed " + id + ": Hello (3)");
  }

  @Test
  void aNewerUpsertAfterADeletionBringsTheRowBackAtTheEnd() {
    String other = RowIds.mint();
    posts.applyPush(List.of(RowPush.upsert(new Post(id, "Hello", 0), 1), RowPush.upsert(new Post(other, "Other", 0), 2)));
    posts.applyPush(RowPush.delete(id, 3));

    posts.applyPush(RowPush.upsert(new Post(id, "Hello again", 0), 4)); // restored from the bin

    assertThat(posts.rows()).extracting(Post::text).containsExactly("Other", "Hello again");
  }

  @Test
  void aRowInsertedUnderTheIdOfARowTheServerDeletedGoesAtTheEnd() {
    String other = RowIds.mint();
    posts.applyPush(List.of(RowPush.upsert(new Post(id, "First", 0), 1), RowPush.upsert(new Post(other, "Second", 0), 2)));
    posts.applyPush(RowPush.delete(id, 3));

    posts.insert(new Post(id, "First, again", 0)); // the user restores it

    assertThat(posts.rows()).extracting(Post::text).containsExactly("Second", "First, again");
  }

  @Test
  void aDeletionOfARowNeverSeenIsRememberedToo() {
    posts.applyPush(RowPush.delete(id, 9));

    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 0), 8));

    assertThat(posts.contains(id)).isFalse();
    table.assertSequence();
  }

  @Test
  void aBatchOfPushesIsOneChangeOfTheCollection() {
    String other = RowIds.mint();

    posts.applyPush(List.of(RowPush.upsert(new Post(id, "A", 0), 1), RowPush.upsert(new Post(other, "B", 0), 2)));

    table.assertSequence("added " + id + ": A (0); added " + other + ": B (0)");
  }

  @Test
  void aBatchWithAPushWhoseRowHasNoKeyChangesNothing() {
    List<RowPush<String, Post>> batch =
        List.of(RowPush.upsert(new Post(id, "A", 0), 1), RowPush.upsert(new Post(null, "B", 0), 2));

    assertThatThrownBy(() -> posts.applyPush(batch))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("the key of RowPush{upsert Post[id=null, text=B, likes=0] at 2} is null");
    assertThat(posts.rows()).isEmpty();
  }

  @Test
  void aBatchWithANullPushChangesNothing() {
    List<RowPush<String, Post>> batch = Arrays.asList(RowPush.upsert(new Post(id, "A", 0), 1), null);

    assertThatThrownBy(() -> posts.applyPush(batch)).isInstanceOf(NullPointerException.class).hasMessage("a push is null");
    assertThat(posts.rows()).isEmpty();
  }

  // ---- the client's own changes: echoes -------------------------------------------------------

  @Test
  void anEchoBeforeTheAnswerRetiresTheWriteSoItIsNotAppliedTwice() {
    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 3), 5));
    posts.update(id, Post::liked);

    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 4), 6, writeKeySent())); // the like, as the server has it

    assertThat(posts.get(id)).as("one like, not the like applied again over the server's count").contains(new Post(id, "Hello", 4));
    saves.resolve("ok");
    table.assertSequence("added " + id + ": Hello (3)", "changed " + id + ": Hello (3) -> Hello (4)");
  }

  @Test
  void anotherClientsPushUnderAPendingWriteBecomesTheConfirmedRowWithTheWritesValuesOnTop() {
    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 3), 5));
    posts.update(id, Post::liked);

    posts.applyPush(RowPush.upsert(new Post(id, "Hello!", 7), 6, RowIds.mint())); // edited, and liked by others

    assertThat(posts.get(id))
        .as("the server's text; the count the like made, not the like applied again to a count that may hold it")
        .contains(new Post(id, "Hello!", 4));
    saves.fail(new IOException("refused"));
    assertThat(posts.get(id)).as("the like gone, the server's count stays").contains(new Post(id, "Hello!", 7));
  }

  @Test
  void anEchoAfterTheAnswerIsOneRowChange() {
    posts.applyPush(RowPush.upsert(new Post(id, "Helo", 0), 1));
    posts.update(id, post -> post.withText("Hello"));
    String writeKey = writeKeySent();
    saves.resolve("ok");

    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 0), 2, writeKey));

    table.assertSequence("added " + id + ": Helo (0)", "changed " + id + ": Helo (0) -> Hello (0)");
    table.assertRows("Hello (0)");
  }

  @Test
  void anAnswerLandedAsAPushWithItsRevisionIsNotUndoneByAnOlderPushArrivingLate() {
    posts.applyPush(RowPush.upsert(new Post(id, "helo", 0), 4));
    posts.update(id, post -> post.withText("hello"));
    String writeKey = writeKeySent();

    posts.applyPush(RowPush.upsert(new Post(id, "hello", 0), 6, writeKey)); // the handler lands its answer: revision 6
    saves.resolve("ok");
    posts.applyPush(RowPush.upsert(new Post(id, "helo", 1), 5)); // another client's like, committed before, streamed after

    assertThat(posts.get(id)).as("revision 6 stands; the like comes with the next push").contains(new Post(id, "hello", 0));
    table.assertSequence("added " + id + ": helo (0)", "changed " + id + ": helo (0) -> hello (0)");
  }

  @Test
  void aFailedAnswerAfterTheEchoLeavesTheServersRow() {
    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 3), 5));
    posts.update(id, Post::liked);
    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 4), 6, writeKeySent()));

    saves.fail(new IOException("timed out")); // the server had it all the same

    assertThat(posts.get(id)).contains(new Post(id, "Hello", 4));
    assertThat(toaster.messages()).containsExactly("Could not save the post");
  }

  @Test
  void theEchoOfADeleteRemovesTheRowForGoodAndTheAnswerChangesNothing() {
    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 3), 5));
    posts.delete(id);

    posts.applyPush(RowPush.<String, Post>delete(id, 6, writeKeySent()));
    saves.fail(new IOException("timed out"));

    assertThat(posts.get(id)).as("the server deleted it: a failed answer does not bring it back").isEmpty();
    table.assertSequence("added " + id + ": Hello (3)", "removed " + id + ": Hello (3)");
  }

  @Test
  void aPendingDeleteKeepsTheRowHiddenWhenAnotherClientsPushOfItArrives() {
    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 3), 5));
    posts.delete(id);

    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 4), 6));

    assertThat(posts.get(id)).isEmpty();
    saves.fail(new IOException("refused"));
    assertThat(posts.get(id)).as("the failed delete restores the row as last pushed").contains(new Post(id, "Hello", 4));
  }

  @Test
  void anEchoRetiresOnlyTheWriteItCarriesTheKeyOf() {
    posts.applyPush(RowPush.upsert(new Post(id, "helo", 0), 1));
    Transaction like = posts.update(id, Post::liked);
    Transaction edit = posts.update(id, post -> post.withText("hello"));

    posts.applyPush(RowPush.upsert(new Post(id, "helo", 1), 2, like.writeKey()));

    assertThat(posts.get(id)).as("the like from the server, the pending edit on top").contains(new Post(id, "hello", 1));
    assertThat(edit.state().name()).isEqualTo("PERSISTING");
  }

  // ---- ghost rows -----------------------------------------------------------------------------

  @Test
  void aGhostsEchoBeforeTheAnswerIsOneRowChangeAndTheAnswerChangesNothing() {
    posts.insert(new Post(id, "Hello", 0));

    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 0), 1, writeKeySent()));
    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 2), 2)); // liked twice at once
    saves.resolve("ok");

    table.assertSequence("added " + id + ": Hello (0)", "changed " + id + ": Hello (0) -> Hello (2)");
  }

  @Test
  void theWriteKeyOfAnInsertOfMintedIdsIsTheFirstRowsId() {
    Transaction insert = posts.insert(List.of(new Post(id, "Hello", 0), new Post(RowIds.derive(id, 1), "World", 0)));

    assertThat(insert.writeKey()).isEqualTo(id);
    assertThat(writeKeySent()).isEqualTo(id);
  }

  @Test
  void aGhostRolledBackLeavesNoTombstoneSoAPushOfItsIdShows() {
    posts.insert(new Post(id, "Hello", 0));
    saves.fail(new IOException("timed out"));

    posts.applyPush(RowPush.upsert(new Post(id, "Hello", 0), 1, id)); // it had reached the server

    assertThat(posts.get(id)).contains(new Post(id, "Hello", 0));
    table.assertSequence("added " + id + ": Hello (0)", "removed " + id + ": Hello (0)", "added " + id + ": Hello (0)");
  }

  @Test
  void aGesturesRowsRetireOnTheGesturesIdGivenAsTheWriteKey() {
    Gesture gesture = Gesture.begin();
    ControllableMutation<Transaction, String> sent = new ControllableMutation<>();
    Transaction post = client.transaction().writeKey(gesture.id()).persistAsync(sent::mutate).build();

    post.mutate(write -> {
      write.insert(posts, new Post(gesture.id(), "Hello", 0));
      write.insert(posts, new Post(gesture.id(1), "World", 0));
    });
    posts.applyPush(List.of(
        RowPush.upsert(new Post(gesture.id(), "Hello", 0), 1, gesture.id()),
        RowPush.upsert(new Post(gesture.id(1), "World", 0), 2, gesture.id())));
    sent.fail(new IOException("timed out"));

    assertThat(post.writeKey()).isEqualTo(gesture.id());
    assertThat(posts.rows()).extracting(Post::text).as("both echoed: the server has them").containsExactly("Hello", "World");
  }

  // ---- fetches and pushes ---------------------------------------------------------------------

  @Test
  void aFetchThatStartedBeforeAPushDoesNotUndoIt() {
    String gone = RowIds.mint();
    posts.applyPush(RowPush.upsert(new Post(gone, "Old", 0), 1));
    client.refetchQueries(QueryFilter.exact(posts.key())); // the list is read now

    posts.applyPush(List.of(RowPush.upsert(new Post(id, "New", 0), 2), RowPush.delete(gone, 3)));
    server.resolve(List.of(new Post(gone, "Old", 0))); // the list as it was when the fetch started

    assertThat(posts.rows()).extracting(Post::text).containsExactly("New");
  }

  @Test
  void aFetchThatStartedAfterAPushIsTheServersWord() {
    posts.applyPush(RowPush.upsert(new Post(id, "New", 0), 2));

    client.refetchQueries(QueryFilter.exact(posts.key()));
    server.resolve(List.of(new Post(id, "New, edited", 0)));

    assertThat(posts.rows()).extracting(Post::text).containsExactly("New, edited");
  }

  @Test
  void aPushRacingAFetchIsStillOrderedByItsRevisionAfterwards() {
    posts.applyPush(RowPush.upsert(new Post(id, "v5", 0), 5));
    client.refetchQueries(QueryFilter.exact(posts.key()));
    server.resolve(List.of(new Post(id, "v5", 0)));

    posts.applyPush(RowPush.upsert(new Post(id, "v4", 0), 4)); // a retransmission

    assertThat(posts.get(id)).contains(new Post(id, "v5", 0));
  }

  // ---- the push value ---------------------------------------------------------------------------

  @Test
  void aPushSaysWhatItCarries() {
    RowPush<String, Post> upsert = RowPush.upsert(new Post(id, "A", 0), 3);
    RowPush<String, Post> delete = RowPush.<String, Post>delete(id, 4, "k-1");

    assertThat(upsert.isDelete()).isFalse();
    assertThat(upsert.row()).contains(new Post(id, "A", 0));
    assertThat(upsert.deletedKey()).isEmpty();
    assertThat(upsert.writeKey()).isEmpty();
    assertThat(delete.isDelete()).isTrue();
    assertThat(delete.deletedKey()).contains(id);
    assertThat(delete.revision()).isEqualTo(4);
    assertThat(delete.writeKey()).contains("k-1");
    assertThat(delete).isEqualTo(RowPush.<String, Post>delete(id, 4, "k-1")).isNotEqualTo(RowPush.delete(id, 4));
    assertThat(delete).hasToString("RowPush{delete " + id + " at 4 by k-1}");
  }

  @Test
  void aBlankWriteKeyIsRefused() {
    assertThatThrownBy(() -> RowPush.delete(id, 1, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("writeKey is blank: give the key the server received with the write, or null");
    assertThatThrownBy(() -> client.transaction().writeKey(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("writeKey is blank");
  }

  @Test
  void aTransactionsWriteKeyIsMintedOnceWhenNoneWasGiven() {
    Transaction tx = client.transaction().persistAsync(new ControllableMutation<Transaction, String>()::mutate).build();

    String key = tx.writeKey();

    assertThat(RowIds.isValid(key)).isTrue();
    assertThat(tx.writeKey()).isSameAs(key);
  }

  @Test
  void pushesFromEightThreadsLandEachRowAtItsNewestRevision() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      ids.add(RowIds.mint());
    }
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int offset = t;
      threads.add(new Thread(() -> {
        for (int revision = 1; revision <= 200; revision++) {
          int shuffled = (revision * 7 + offset * 13) % 200 + 1; // each thread in its own order
          for (String rowId : ids) {
            posts.applyPush(RowPush.upsert(new Post(rowId, "v" + shuffled, shuffled), shuffled));
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(posts.rows()).hasSize(64).allSatisfy(post -> assertThat(post.likes()).isEqualTo(200));
  }
}
