package dev.querycache.test;

import dev.querycache.QueryClient;
import dev.querycache.QueryClientBuilder;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/** What {@link QueryCacheExtension} gives one test: the client and the tools wired to it. */
final class KitFixture implements AutoCloseable {
  final VirtualTime time = new VirtualTime();
  final RecordingToaster toaster = new RecordingToaster();
  final QueryClient client;
  final TransitionRecorder recorder;

  KitFixture(BiConsumer<? super QueryClientBuilder, ? super VirtualTime> configuration) {
    QueryClientBuilder builder = time.clientBuilder().toaster(toaster);
    configuration.accept(builder, time);
    this.client = builder.build();
    this.recorder = new TransitionRecorder(client);
  }

  /** The object the test asked for by {@code type}, or null if the kit has none of that type. */
  @Nullable Object parameter(Class<?> type) {
    if (type == QueryClient.class) {
      return client;
    }
    if (type == VirtualTime.class) {
      return time;
    }
    if (type == RecordingToaster.class) {
      return toaster;
    }
    if (type == TransitionRecorder.class) {
      return recorder;
    }
    return null;
  }

  static boolean provides(Class<?> type) {
    return type == QueryClient.class || type == VirtualTime.class || type == RecordingToaster.class
        || type == TransitionRecorder.class;
  }

  @Override
  public void close() {
    try {
      recorder.close();
    } finally {
      client.close();
    }
  }
}
