package dev.querycache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MutationSmokeTest {
  record Row(int id, boolean read) {}

  final VirtualTime time = new VirtualTime();
  final List<String> toasts = new ArrayList<>();
  final QueryClient client = time.clientBuilder().toaster(new Toaster() {
    @Override public void success(String m) { toasts.add("success:" + m); }
    @Override public void error(String m, Throwable c) { toasts.add("error:" + m); }
    @Override public void undo(String m, UndoOffer o) { toasts.add("undo:" + m); }
  }).build();
  final QueryKey<List<Row>> key = QueryKey.of("rows");

  static List<Row> markRead(List<Row> rows, int id) {
    return rows.stream().map(r -> r.id() == id ? new Row(id, true) : r).collect(Collectors.toUnmodifiableList());
  }

  @Test
  void overlappingFailureKeepsTheOtherLayer() {
    client.setQueryData(key, List.of(new Row(1, false), new Row(2, false)));
    List<CompletableFuture<Boolean>> server = new ArrayList<>();
    Mutation<Integer, Boolean, Void> markAsRead = client.<Integer, Boolean>asyncMutation(id -> {
          CompletableFuture<Boolean> f = new CompletableFuture<>();
          server.add(f);
          return f;
        })
        .optimistic(key, MutationSmokeTest::markRead)
        .errorMessage("Failed to mark as read")
        .build();

    CompletableFuture<Boolean> a = markAsRead.mutate(1);
    CompletableFuture<Boolean> b = markAsRead.mutate(2);
    assertThat(client.getQueryData(key).get()).containsExactly(new Row(1, true), new Row(2, true));
    assertThat(client.getQueryState(key).get().optimisticLayers()).isEqualTo(2);

    server.get(0).completeExceptionally(new RuntimeException("boom"));
    assertThat(a).isCompletedExceptionally();
    assertThat(client.getQueryData(key).get()).containsExactly(new Row(1, false), new Row(2, true));
    assertThat(toasts).containsExactly("error:Failed to mark as read");

    server.get(1).complete(true);
    assertThat(b).isCompletedWithValue(true);
    assertThat(client.getQueryData(key).get()).containsExactly(new Row(1, false), new Row(2, true));
    assertThat(client.getQueryState(key).get().optimisticLayers()).isZero();
    assertThat(client.isMutating(MutationFilter.all())).isZero();
  }
}
