package dev.querycache.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryOptions;
import dev.querycache.collection.Gesture;
import dev.querycache.collection.MalformedRowIdException;
import dev.querycache.collection.PendingChange;
import dev.querycache.collection.QueryCollection;
import dev.querycache.collection.RowIds;
import dev.querycache.collection.Transaction;
import dev.querycache.test.ControllableMutation;
import dev.querycache.test.ControllableQuery;
import dev.querycache.test.RecordingToaster;
import dev.querycache.test.VirtualTime;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Specification of row ids minted by the client ({@link RowIds}, {@link Gesture}): their shape,
 * their order, their uniqueness across threads, the ids a gesture derives for its further rows,
 * the refusal of a malformed id, and a collection that takes only minted ids for its new rows.
 */
class RowIdsTest {
  static final Instant MORNING = Instant.parse("2026-12-07T09:00:00.123Z");
  static final Clock AT_MORNING = Clock.fixed(MORNING, ZoneOffset.UTC);

  @Nested
  class Minting {
    @Test
    void anIdIsFortyLowercaseHexCharacters() {
      String id = RowIds.mint();

      assertThat(id).hasSize(RowIds.LENGTH).matches("[0-9a-f]{40}");
      assertThat(RowIds.isValid(id)).isTrue();
    }

    @Test
    void anIdSaysWhenItWasMinted() {
      assertThat(RowIds.timeOf(RowIds.mint(Clock.fixed(Instant.parse("2031-01-01T00:00:00Z"), ZoneOffset.UTC))))
          .isEqualTo(Instant.parse("2031-01-01T00:00:00Z"));
    }

    @Test
    void idsMintedLaterSortAfterEarlierOnesAsText() {
      List<String> minted = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        minted.add(RowIds.mint());
      }

      assertThat(minted).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aClockThatGoesBackDoesNotMakeAnEarlierId() {
      String later = RowIds.mint(Clock.fixed(Instant.parse("2040-06-01T12:00:00Z"), ZoneOffset.UTC));
      String afterTheClockWentBack = RowIds.mint(Clock.fixed(Instant.parse("2040-06-01T11:59:59Z"), ZoneOffset.UTC));

      assertThat(afterTheClockWentBack).isGreaterThan(later);
      assertThat(RowIds.timeOf(afterTheClockWentBack)).isAfterOrEqualTo(Instant.parse("2040-06-01T12:00:00Z"));
    }

    @Test
    void twoIdsOfTheSameMillisecondDifferInTheirRandomPart() {
      Set<String> randomParts = new HashSet<>();
      for (int i = 0; i < 100; i++) {
        randomParts.add(RowIds.mint(AT_MORNING).substring(16));
      }

      assertThat(randomParts).as("96 random bits each").hasSize(100);
    }

    @Test
    void eightThreadsMintingAtOnceNeverMakeTheSameId() throws InterruptedException {
      ConcurrentLinkedQueue<String> minted = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(8);
      for (int t = 0; t < 8; t++) {
        threads.execute(() -> {
          awaitQuietly(start);
          for (int i = 0; i < 5_000; i++) {
            minted.add(RowIds.mint(AT_MORNING)); // one millisecond for all: the sequence tells them apart
          }
        });
      }
      start.countDown();
      threads.shutdown();
      assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      assertThat(minted).hasSize(40_000).doesNotHaveDuplicates();
      assertThat(new HashSet<>(minted).stream().map(id -> id.substring(0, 16)).distinct().count())
          .as("time and sequence parts, unique within the process").isEqualTo(40_000);
    }
  }

  @Nested
  class Gestures {
    @Test
    void aGestureReadsItsClockOnceForItsIdAndItsTime() {
      Gesture send = Gesture.begin(AT_MORNING);

      assertThat(send.now()).isEqualTo(MORNING);
      assertThat(RowIds.timeOf(send.id())).isAfterOrEqualTo(MORNING);
      assertThat(send.id()).isEqualTo(send.id(0));
    }

    @Test
    void furtherRowsOfAGestureInOneCollectionGetDerivedIdsTheSameEveryTime() {
      Gesture invite = Gesture.begin();

      assertThat(List.of(invite.id(0), invite.id(1), invite.id(2))).doesNotHaveDuplicates().allMatch(RowIds::isValid);
      assertThat(invite.id(1)).as("derived again, as a retry does").isEqualTo(RowIds.derive(invite.id(), 1));
      assertThat(invite.id(1).substring(0, 16)).as("the gesture's time part").isEqualTo(invite.id().substring(0, 16));
    }

    @Test
    void twoGesturesDeriveDifferentIds() {
      Gesture first = Gesture.begin(AT_MORNING);
      Gesture second = Gesture.begin(AT_MORNING);

      assertThat(first.id(1)).isNotEqualTo(second.id(1));
    }

    @Test
    void aNegativeRowNumberIsRefused() {
      assertThatThrownBy(() -> Gesture.begin().id(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("row is -1: rows of a gesture are numbered from 0");
    }
  }

  @Nested
  class Validation {
    @Test
    void anIdOfTheWrongLengthIsRefusedNamingItsLength() {
      assertThatThrownBy(() -> RowIds.requireValid("7f3a", "the key of a new message"))
          .isInstanceOf(MalformedRowIdException.class)
          .hasMessage("the key of a new message is \"7f3a\", not a row id: it has 4 characters, not 40;"
              + " a row id is 40 lowercase hexadecimal characters, as RowIds.mint() and Gesture.begin() make them;"
              + " nothing was applied")
          .extracting(e -> ((MalformedRowIdException) e).id()).isEqualTo("7f3a");
    }

    @Test
    void anUppercaseLetterIsRefusedNamingWhereItIs() {
      String shouted = RowIds.mint().substring(0, 39) + "F";

      assertThatThrownBy(() -> RowIds.requireValid(shouted, "id"))
          .isInstanceOf(MalformedRowIdException.class)
          .hasMessageContaining("its character 40 is 'F', not a digit or a lowercase letter from a to f");
    }

    @Test
    void aUuidIsNotARowId() {
      assertThat(RowIds.isValid("123e4567-e89b-12d3-a456-426614174000")).isFalse();
      assertThat(RowIds.isValid(null)).isFalse();
    }

    @Test
    void aNullIdIsRefusedNamingTheArgument() {
      assertThatThrownBy(() -> RowIds.requireValid(null, "the key of a new message"))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("the key of a new message == null");
    }

    @Test
    void derivingFromAMalformedIdIsRefused() {
      assertThatThrownBy(() -> RowIds.derive("not-an-id", 1)).isInstanceOf(MalformedRowIdException.class);
    }
  }

  /** A message of a chat, keyed by a minted id. */
  record Message(String id, String text, Instant sentAt) {}

  @Nested
  class ACollectionOfMintedIds {
    final VirtualTime time = new VirtualTime();
    final RecordingToaster toaster = new RecordingToaster();
    final QueryClient client = time.clientBuilder().toaster(toaster).build();
    final ControllableQuery<List<Message>> server = new ControllableQuery<>();
    final ControllableMutation<List<PendingChange<String, Message>>, String> sends = new ControllableMutation<>();
    final QueryCollection<String, Message> messages = client.collection(
            QueryOptions.builder(QueryKey.<List<Message>>of("messages")).asyncFetcher(server).retry(0).build(),
            Message::id)
        .mintedIds()
        .onInsertAsync(sends::mutate)
        .build();

    @AfterEach
    void close() {
      client.close();
    }

    @Test
    void aRowKeyedByAGesturesIdIsShownAtOnce() {
      server.resolve(List.of());
      Gesture send = Gesture.begin(AT_MORNING);

      messages.insert(new Message(send.id(), "Hello", send.now()));

      assertThat(messages.get(send.id())).contains(new Message(send.id(), "Hello", MORNING));
      assertThat(sends.callCount()).isEqualTo(1);
    }

    @Test
    void aRowWithAKeyThatIsNotARowIdIsRefusedAndNothingIsShownOrSent() {
      server.resolve(List.of());

      assertThatThrownBy(() -> messages.insert(new Message("m-1", "Hello", MORNING)))
          .isInstanceOf(MalformedRowIdException.class)
          .hasMessageStartingWith("the key of a new row of [\"messages\"] is \"m-1\", not a row id: it has 3 characters, not 40");
      assertThat(messages.rows()).isEmpty();
      assertThat(sends.callCount()).isZero();
    }

    @Test
    void aMalformedKeyAmongSeveralRowsRefusesThemAll() {
      server.resolve(List.of());
      Gesture send = Gesture.begin(AT_MORNING);

      assertThatThrownBy(() -> messages.insert(List.of(
              new Message(send.id(), "first", send.now()), new Message("oops", "second", send.now()))))
          .isInstanceOf(MalformedRowIdException.class);
      assertThat(messages.rows()).as("all or nothing").isEmpty();
      assertThat(sends.callCount()).isZero();
    }

    @Test
    void rowsTheServerSendsAreNotChecked() {
      server.resolve(List.of(new Message("legacy-7", "Made before minted ids", MORNING)));

      assertThat(messages.get("legacy-7")).isPresent();
    }

    @Test
    void theRowsOfAGestureInOneTransactionRollBackTogether() {
      server.resolve(List.of());
      Gesture send = Gesture.begin(AT_MORNING);

      Transaction tx = messages.insert(List.of(
          new Message(send.id(0), "Here is the photo", send.now()), new Message(send.id(1), "[photo]", send.now())));
      assertThat(messages.size()).isEqualTo(2);
      sends.fail(new IOException("offline"));

      assertThat(tx.isPersisted()).isCompletedExceptionally();
      assertThat(messages.rows()).isEmpty();
      assertThat(toaster.messages()).hasSize(1);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
