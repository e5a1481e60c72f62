package dev.querycache.bench;

import dev.querycache.Mutation;
import dev.querycache.QueryClient;
import dev.querycache.QueryKey;
import dev.querycache.QueryState;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * W7: rapid toggles. One query holds the stars of {@code keys} messages (a bit set, copied per
 * patch: cheap, so the library's own work shows); a sync mutation writes them, one channel per
 * message. Taps come in bursts of {@value #BURST} on one key (a user hammering a
 * star), the bursts spread over the keys; every tap moves a virtual clock one tick, and each
 * request the server receives answers {@value #DELAY} ticks after it was sent (so a burst's
 * taps land while its first request is in flight). Reports the library's nanoseconds per tap
 * (the taps and the answers, follow-ups included), the requests sent per burst (mean and
 * worst; the channel's promise is at most two), and the layers alive at the end (zero).
 */
final class RapidToggles {
  /** Taps per burst. */
  static final int BURST = 10;
  /** Ticks between a request and its answer. */
  static final int DELAY = 3 * BURST;

  /** Immutable stars of the messages: a bit per message. */
  static final class Stars {
    private final long[] bits;

    Stars(int messages) {
      this.bits = new long[(messages + 63) / 64];
    }

    private Stars(long[] bits) {
      this.bits = bits;
    }

    Stars with(int message, boolean on) {
      long[] next = bits.clone();
      if (on) {
        next[message >> 6] |= 1L << message;
      } else {
        next[message >> 6] &= ~(1L << message);
      }
      return new Stars(next);
    }
  }

  private static final QueryKey<Stars> STARS = QueryKey.of("mail", "stars");

  /** A request in flight and the tick it answers at. */
  private record InFlight(long due, CompletableFuture<Boolean> answer) {}

  private RapidToggles() {}

  static Line run(int keys, int taps, Rounds rounds) {
    long[] result = new long[3]; // requests, worst burst, layers at the end (of the last round)
    double perTap = rounds.nanosPerOp(taps, () -> {
      QueryClient client = Keys.newClient();
      ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
      long[] tick = {0};
      int[] sentSinceBurst = new int[keys];
      long[] requests = {0};
      Mutation<Integer, Boolean, Void> star = client
          .asyncMutation((Integer variables) -> {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            inFlight.addLast(new InFlight(tick[0] + DELAY, answer));
            requests[0]++;
            sentSinceBurst[variables >> 1]++;
            return answer;
          })
          .optimistic(STARS, (stars, variables) -> stars.with(variables >> 1, (variables & 1) == 1))
          .errorMessage("Could not star")
          .build()
          .synced(variables -> variables >> 1);
      client.setQueryData(STARS, new Stars(keys));
      SplittableRandom random = new SplittableRandom(7);
      int worst = 0;
      long begin = System.nanoTime();
      for (int burst = 0; burst * BURST < taps; burst++) {
        int key = (int) ((burst * 7919L) % keys);
        worst = Math.max(worst, sentSinceBurst[key]);
        sentSinceBurst[key] = 0;
        for (int i = 0; i < BURST; i++) {
          tick[0]++;
          answerDue(inFlight, tick[0]);
          star.mutate(key << 1 | (random.nextBoolean() ? 1 : 0));
        }
      }
      while (!inFlight.isEmpty()) {
        tick[0] = inFlight.peekFirst().due();
        answerDue(inFlight, tick[0]);
      }
      long elapsed = System.nanoTime() - begin;
      for (int used : sentSinceBurst) {
        worst = Math.max(worst, used);
      }
      long layers = client.getQueryState(STARS).map(QueryState::optimisticLayers).orElse(0);
      client.close();
      result[0] = requests[0];
      result[1] = worst;
      result[2] = layers;
      return elapsed;
    });
    int bursts = (taps + BURST - 1) / BURST;
    if (result[1] > 2 || result[2] != 0) {
      throw new IllegalStateException("W7 broke the channel's promise: worst burst sent " + result[1]
          + " requests, " + result[2] + " layers alive at the end");
    }
    return new Line("W7", taps).with("ops", taps).with("ns_per_op", perTap)
        .with("keys", keys)
        .with("requests", result[0])
        .with("requests_per_burst", (double) result[0] / bursts)
        .with("worst_burst_requests", result[1])
        .with("layers_at_end", result[2])
        .with("note", "ns per tap of a sync mutation, bursts of " + BURST + " taps on one key, answers "
            + DELAY + " taps later");
  }

  /** Answers, in order, the requests due at {@code now}; their follow-ups join the queue. */
  private static void answerDue(ArrayDeque<InFlight> inFlight, long now) {
    while (!inFlight.isEmpty() && inFlight.peekFirst().due() <= now) {
      inFlight.pollFirst().answer().complete(true);
    }
  }
}
