package dev.querycache.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a test, or every test of a class (nested classes included), end with work pending in
 * the query cache: {@link QueryCacheExtension} then skips its check for fetches, mutations and
 * optimistic layers left behind. For tests whose subject is the pending state itself.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowPending {
  /**
   * Why the test leaves work pending, for the reader.
   *
   * @return the reason; empty by default
   */
  String value() default "";
}
