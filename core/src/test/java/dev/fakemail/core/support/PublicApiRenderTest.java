package dev.fakemail.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.support.apifixture.Sample;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PublicApi: what counts as API and how it is written, and the diff a failing check prints. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PublicApiRenderTest {
  @Test
  void rendersPublicAndProtectedMembersOfPublicClassesOnlySorted() {
    assertThat(PublicApi.render(Sample.class, "dev.fakemail.core.support.apifixture")).isEqualTo("""
        public class dev.fakemail.core.support.apifixture.Sample<T extends java.lang.Comparable<T>> implements java.util.function.Supplier<T> {
          @Deprecated public void old() throws java.io.IOException
          protected <init>(java.lang.String)
          protected java.lang.String name
          public T get()
          public static <E> java.util.List<E> listOf(E...)
          public static final int LIMIT
        }

        public static interface dev.fakemail.core.support.apifixture.Sample$Named {
          abstract java.lang.String name()
          default java.lang.String shout()
        }

        public static record dev.fakemail.core.support.apifixture.Sample$Pair {
          public <init>(java.lang.String, int)
          public final boolean equals(java.lang.Object)
          public final int hashCode()
          public final java.lang.String toString()
          public int right()
          public java.lang.String left()
        }

        """);
  }

  @Test
  void diffNamesTheClassOfEveryChangedMember() {
    List<String> recorded = List.of("public class a.A {", "  public void x()", "  public void y()", "}", "",
        "public class a.B {", "  public void z()", "}", "");
    List<String> code = List.of("public class a.A {", "  public void x()", "  public void y(int)", "}", "",
        "public class a.C {", "  public void z()", "}", "");
    assertThat(PublicApi.diff(recorded, code)).isEqualTo("""
          public class a.A {
        -   public void y()
        +   public void y(int)
        - public class a.B {
        + public class a.C {
        """);
  }
}
