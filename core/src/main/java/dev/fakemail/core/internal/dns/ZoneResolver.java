package dev.fakemail.core.internal.dns;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TSIG;

/** A dnsjava {@link Resolver} answering from the zones in-process, without a socket. */
public final class ZoneResolver implements Resolver {
  private final Zones zones;
  private volatile Duration timeout = Duration.ofSeconds(5);

  public ZoneResolver(Zones zones) {
    this.zones = zones;
  }

  @Override
  public void setPort(int port) {
    // in-process: no port
  }

  @Override
  public void setTCP(boolean flag) {
    // in-process: no transport
  }

  @Override
  public void setIgnoreTruncation(boolean flag) {
    // never truncated
  }

  @Override
  public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    // answers are not size-limited in-process
  }

  @Override
  public void setTSIGKey(TSIG key) {
    // not signed
  }

  @Override
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public Duration getTimeout() {
    return timeout;
  }

  @Override
  public Message send(Message query) {
    return zones.answer(query);
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query) {
    return CompletableFuture.completedFuture(zones.answer(query));
  }

  @Override
  public CompletionStage<Message> sendAsync(Message query, Executor executor) {
    return CompletableFuture.completedFuture(zones.answer(query));
  }

  @Override
  public String toString() {
    return "fakemail simulated DNS (in-process)";
  }
}
