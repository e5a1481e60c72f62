package dev.querycache.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that tests screens' cache transitions with the kit: the same as
 * {@code @ExtendWith(QueryCacheExtension.class)}, shorter and easier to find. Each test gets a
 * fresh {@link dev.querycache.QueryClient} on a fresh {@link VirtualTime} (blocking functions
 * run when the test moves the clock, listeners at once), a {@link RecordingToaster} and a
 * {@link TransitionRecorder} as parameters, and fails if it leaves work pending.
 *
 * <pre>{@code
 * @QueryCacheTest
 * class MarkAsReadTest {
 *   @Test
 *   void aRefusedWriteRollsBack(QueryClient client, VirtualTime time, TransitionRecorder recorder) {
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>To configure the client, register {@link QueryCacheExtension#withClient} instead.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(QueryCacheExtension.class)
public @interface QueryCacheTest {}
