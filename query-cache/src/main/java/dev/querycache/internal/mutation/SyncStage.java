package dev.querycache.internal.mutation;

import dev.querycache.FollowUpLimitException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The sync stage (rapid toggles; one of a mutation's own): calls with the same key coalesce
 * into one {@link SyncChannel} while it is open.
 *
 * <ul>
 *   <li>Every call paints at once, as the channel's one layer per query (the latest call's
 *       patches replace the earlier call's).
 *   <li>One request is in flight per key: the first call to reach the stage sends the latest
 *       variables; the others send nothing and end with the channel.
 *   <li>When a request answers, and no call is still painting, the channel compares what it
 *       sent with the latest call's variables: equal, it closes with that answer (so an answer
 *       never overwrites a later call); different, it sends the latest as a follow-up, up to
 *       {@code maxFollowUps}, beyond which it fails with a {@link FollowUpLimitException}.
 *   <li>A failed request, a call whose mutate step failed, or a layer that failed when applied
 *       again closes the channel with that failure.
 *   <li>Closed, the channel leaves the stage: keys with no open channel hold no memory, and
 *       the next call opens a new one.
 * </ul>
 *
 * <p>The run of the latest call speaks for the channel: it takes the settle steps (layer
 * removal or success, callbacks with the latest variables, one toast, one settle
 * invalidation); the others end quietly with it ({@link MutationRun}). Guarded by its own
 * monitor, which also guards its channels; the key function, the function and the answers'
 * consumers run outside it.
 */
final class SyncStage implements AdmissionStage {
  private final String mutation;
  private final Function<Object, ?> keyOf;
  private final int maxFollowUps;
  private final Map<Object, SyncChannel> channels = new HashMap<>();
  private boolean closed;

  SyncStage(String mutation, Function<Object, ?> keyOf, int maxFollowUps) {
    this.mutation = mutation;
    this.keyOf = keyOf;
    this.maxFollowUps = maxFollowUps;
  }

  /**
   * A call begins, before its mutate step: it joins the open channel of its key, or opens one,
   * and becomes the channel's latest call. Returns the channel; the call's number is
   * {@code run}'s from then on. What the key function throws propagates, and nothing changed.
   */
  SyncChannel join(MutationRun<?, ?, ?> run) {
    Object key = Objects.requireNonNull(keyOf.apply(run.variables()), "the sync key function returned null");
    synchronized (this) {
      SyncChannel channel = channels.get(key);
      if (channel == null) {
        channel = new SyncChannel(this, key, run);
        if (!closed) {
          channels.put(key, channel);
        }
      }
      channel.calls++;
      channel.voice = run;
      channel.painting++;
      run.joined(channel, channel.calls);
      return channel;
    }
  }

  /** A call's mutate step is over; {@code failure} (or null) is what it threw, which dooms the channel. */
  void painted(SyncChannel channel, @Nullable Throwable failure) {
    synchronized (this) {
      channel.painting--;
      if (failure != null && channel.doom == null) {
        channel.doom = failure;
      }
    }
    decide(channel);
  }

  /** One of the channel's layers failed when applied again: the channel fails at its next answer. */
  void doom(SyncChannel channel, Throwable error) {
    synchronized (this) {
      if (channel.doom == null) {
        channel.doom = error;
      }
    }
    decide(channel);
  }

  @Override
  @SuppressWarnings("unchecked") // a channel's outcome is its mutation's result; its variables are V
  public <V, R> CompletionStage<R> intercept(AdmissionChain.Chain<V, R> chain) {
    SyncChannel channel = Objects.requireNonNull(((MutationRun<?, ?, ?>) chain.run()).syncChannel());
    V first = null;
    synchronized (this) {
      if (!channel.sending && !channel.closed) {
        channel.sending = true;
        channel.sender = chain;
        if (channel.doom != null) {
          channel.answered = true; // nothing to send: the channel fails once nobody paints
        } else {
          first = (V) channel.voice.variables();
          channel.sent = first;
          channel.requests = 1;
        }
      }
    }
    if (first != null) {
      send(channel, chain, first);
    } else {
      decide(channel);
    }
    return (CompletionStage<R>) channel.outcome;
  }

  private <V, R> void send(SyncChannel channel, AdmissionChain.Chain<V, R> chain, V variables) {
    chain.proceed(variables).handle((answer, error) -> {
      synchronized (this) {
        channel.answered = true;
        channel.answer = answer;
        channel.answerError = error;
      }
      decide(channel);
      return null;
    });
  }

  /** Takes the channel's next step if an answer waits and no call paints: close, or follow up. */
  @SuppressWarnings("unchecked") // the follow-up's variables are the sender's V
  private void decide(SyncChannel channel) {
    Object followUp = null;
    Throwable failure = null;
    Object result = null;
    synchronized (this) {
      if (channel.closed || !channel.answered || channel.painting > 0) {
        return;
      }
      channel.answered = false;
      Object latest = channel.voice.variables();
      failure = channel.doom != null ? channel.doom : channel.answerError;
      if (failure != null) {
        if (channel.doom != null && channel.answerError != null && channel.answerError != channel.doom) {
          channel.doom.addSuppressed(channel.answerError);
        }
      } else if (Objects.equals(latest, channel.sent)) {
        result = channel.answer;
      } else if (channel.requests - 1 >= maxFollowUps) {
        failure = new FollowUpLimitException(mutation, channel.key, channel.requests - 1);
      } else {
        channel.sent = latest;
        channel.requests++;
        followUp = latest;
      }
      channel.answer = null;
      channel.answerError = null;
      if (followUp == null) {
        channel.closed = true;
        channels.remove(channel.key, channel);
      }
    }
    if (followUp != null) {
      send(channel, (AdmissionChain.Chain<Object, Object>) Objects.requireNonNull(channel.sender), followUp);
    } else if (failure != null) {
      channel.outcome.completeExceptionally(failure);
    } else {
      channel.outcome.complete(result);
    }
  }

  /** The channel's runs were abandoned (the client closes): it leaves the stage. */
  synchronized void abandoned(SyncChannel channel) {
    channel.closed = true;
    channels.remove(channel.key, channel);
  }

  /** How many channels are open (for tests and inspectors). */
  synchronized int openChannels() {
    return channels.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
    channels.clear();
  }
}
