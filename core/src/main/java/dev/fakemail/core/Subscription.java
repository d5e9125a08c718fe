package dev.fakemail.core;

/**
 * A callback registered with {@link FakeMailServer#onMessage} or {@link FakeMailServer#onDelivery};
 * {@link #close()} removes it. Closing twice does nothing the second time, and closing throws
 * nothing, so that a {@code try}-with-resources block needs no {@code catch}:
 *
 * <pre>{@code
 * try (Subscription s = mail.onMessage(m -> seen.add(m.id()))) {
 *   ...
 * }
 * }</pre>
 */
public interface Subscription extends AutoCloseable {
  /** Removes the callback: it is not called for anything that happens after this returns. */
  @Override
  void close();
}
