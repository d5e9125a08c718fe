package dev.fakemail.core.support.apifixture;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/** A class whose public API PublicApiRenderTest knows by heart. */
public class Sample<T extends Comparable<T>> implements Supplier<T> {
  public static final int LIMIT = 3;
  protected String name;
  int hidden;

  protected Sample(String name) {
    this.name = name;
  }

  @Override
  public T get() {
    return null;
  }

  public static <E> List<E> listOf(E... items) {
    return List.of(items);
  }

  @Deprecated
  public void old() throws IOException {}

  void packagePrivate() {}

  /** A nested value. */
  public record Pair(String left, int right) {}

  /** A nested contract. */
  public interface Named {
    String name();

    default String shout() {
      return name().toUpperCase(java.util.Locale.ROOT);
    }
  }

  private static final class Secret {}
}

/** Not public: not API. */
final class Helper {}
