package dev.fakemail.core.internal.protocol;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The declarations of a command as constructor arguments, so that a command class holds only its
 * {@code execute}: {@code super(SmtpState.ANY, "NOOP")}; {@link #blocking()} for one that blocks.
 *
 * @param <S> the protocol's state enum
 */
public abstract class BasicCommand<S extends Enum<S>> implements ProtocolCommand<S> {
  private final Set<S> validIn;
  private final Set<String> verbs;
  private boolean blocks;

  protected BasicCommand(Set<S> validIn, String... verbs) {
    if (verbs.length == 0) {
      throw new IllegalArgumentException("a command needs a verb");
    }
    this.validIn = validIn;
    this.verbs = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(verbs)));
  }

  /** Marks this command as one that blocks ({@link ProtocolCommand#blocks()}); call from the constructor. */
  protected final void blocking() {
    this.blocks = true;
  }

  @Override
  public final Set<String> verbs() {
    return verbs;
  }

  @Override
  public final Set<S> validIn() {
    return validIn;
  }

  @Override
  public final boolean blocks() {
    return blocks;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + verbs;
  }
}
