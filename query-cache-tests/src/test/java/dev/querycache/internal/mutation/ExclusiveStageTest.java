package dev.querycache.internal.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.querycache.MutationRefusedException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link ExclusiveStage} on its own, without an engine: one run per key at a time; a busy key
 * refuses at the gate with a named exception; the key is free once its run is released; a
 * refusal by a later stage releases what an earlier one took; the close forgets every key.
 */
@DisplayName("ExclusiveStage")
class ExclusiveStageTest {
  private final ExclusiveStage stage = new ExclusiveStage("send", variables -> ((String) variables).split(":")[0]);

  /** A run whose variables are "key:payload". */
  record Run(String variables) implements Admissible {
    @Override
    public @Nullable String scopeId() {
      return null;
    }

    @Override
    public boolean waiting(boolean waiting) {
      return true;
    }
  }

  @Test
  void theFirstRunOfAKeyIsLetIn() {
    assertThat(stage.refuse(new Run("d1:a"))).isNull();
    assertThat(stage.isBusy("d1")).isTrue();
  }

  @Test
  void aSecondRunOfABusyKeyIsRefusedWithTheKeyNamed() {
    stage.refuse(new Run("d1:a"));

    RuntimeException refusal = stage.refuse(new Run("d1:b"));

    assertThat(refusal).isInstanceOf(MutationRefusedException.class)
        .hasMessage("send is already running for d1: this call was refused (the mutation is exclusive)");
    assertThat(((MutationRefusedException) refusal).key()).isEqualTo("d1");
  }

  @Test
  void runsOfOtherKeysAreLetIn() {
    stage.refuse(new Run("d1:a"));

    assertThat(stage.refuse(new Run("d2:a"))).isNull();
  }

  @Test
  void theKeyIsFreeOnceItsRunIsReleased() {
    Run first = new Run("d1:a");
    stage.refuse(first);

    stage.released(first);

    assertThat(stage.isBusy("d1")).isFalse();
    assertThat(stage.refuse(new Run("d1:b"))).isNull();
  }

  @Test
  void releasingARefusedRunLeavesTheRunningOneHoldingTheKey() {
    stage.refuse(new Run("d1:a"));
    Run refused = new Run("d1:b");
    stage.refuse(refused);

    stage.released(refused);

    assertThat(stage.isBusy("d1")).isTrue();
  }

  @Test
  void aRefusalByALaterStageReleasesTheKeyAnEarlierStageTook() {
    AdmissionStage refusing = new AdmissionStage() {
      @Override
      public RuntimeException refuse(Admissible run) {
        return new IllegalStateException("offline");
      }

      @Override
      public <V, R> CompletableFuture<R> intercept(AdmissionChain.Chain<V, R> chain) {
        throw new AssertionError("a refused run is never admitted");
      }
    };
    AdmissionChain chain = new AdmissionChain(List.of(stage, refusing));

    assertThat(chain.refuse(new Run("d1:a"))).hasMessage("offline");
    assertThat(stage.isBusy("d1")).isFalse();
  }

  @Test
  void aKeyFunctionThatReturnsNullIsNamed() {
    ExclusiveStage nullKeys = new ExclusiveStage("send", Function.identity().andThen(variables -> null));

    assertThatThrownBy(() -> nullKeys.refuse(new Run("d1:a")))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("the exclusive key function returned null");
  }

  @Test
  void theCloseForgetsEveryKey() {
    stage.refuse(new Run("d1:a"));

    stage.close();

    assertThat(stage.isBusy("d1")).isFalse();
  }
}
