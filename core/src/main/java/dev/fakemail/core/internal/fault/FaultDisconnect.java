package dev.fakemail.core.internal.fault;

import java.io.IOException;

/** A DISCONNECT fault fired: the session ends here, without a reply. Stackless. */
public final class FaultDisconnect extends IOException {
  public FaultDisconnect(String ruleId) {
    super("disconnected by fault rule " + ruleId, null);
    setStackTrace(new StackTraceElement[0]);
  }
}
