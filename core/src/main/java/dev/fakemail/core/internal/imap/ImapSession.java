package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.fault.FaultContext;
import dev.fakemail.core.internal.mailbox.Mailbox;
import dev.fakemail.core.internal.net.ResponseTranscript;
import dev.fakemail.core.internal.net.TranscriptText;
import dev.fakemail.core.internal.store.SessionLog;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One IMAP session. Connection state: the state, the logged-in user and their mailbox. Selection
 * state (SELECT to CLOSE/UNSELECT): the {@link SelectedFolder}. Untagged responses go to the
 * exchange's buffer; the server flushes after each completion.
 */
final class ImapSession {
  private final ImapExchange exchange;
  private final ImapConfig config;
  private final SessionLog.Entry log;
  private final ResponseTranscript responses = new ResponseTranscript();
  private ImapState state = ImapState.NOT_AUTHENTICATED;
  private String user;
  private Mailbox mailbox;
  private SelectedFolder selected;
  private final ReentrantLock wakeLock = new ReentrantLock();
  private final Condition woken = wakeLock.newCondition();
  private boolean wakeup;
  private long reserved; // memory charged for the literals of the APPEND being read, not yet used
  private boolean utf8;
  private final StringBuilder line = new StringBuilder(128); // see untaggedLine()
  private byte[] lineOctets = new byte[256];

  ImapSession(ImapExchange exchange, ImapConfig config, SessionLog.Entry log) {
    this.exchange = exchange;
    this.config = config;
    this.log = log;
  }

  /** This session's transcript. */
  SessionLog.Entry log() {
    return log;
  }

  /**
   * Checks the fault rules of a stage (LOGIN, FETCH): a DELAY rule waits here, a DISCONNECT rule
   * throws, a REPLY rule is returned; a rule that fires is noted in the transcript.
   */
  java.util.Optional<dev.fakemail.core.Fault> fault(dev.fakemail.core.Fault.Stage stage, String login) throws IOException {
    return config.faults().apply(stage, faultContext(login), log::fault);
  }

  /** Notes a STARTTLS handshake in the transcript. */
  void tlsStarted(int discarded) {
    log.tls(exchange.tlsProtocol(), exchange.tlsCipher());
    if (discarded > 0) {
      log.server("[" + discarded + " octets pipelined behind STARTTLS discarded]");
    }
  }

  /** What a fault rule can match on in this session. */
  FaultContext faultContext(String login) {
    return FaultContext.of(exchange.listenerId(), exchange.clientAddress(), login);
  }

  /** The wire: the connection, or a fake one in unit tests. */
  ImapExchange exchange() {
    return exchange;
  }

  ImapConfig config() {
    return config;
  }

  ImapState state() {
    return state;
  }

  void state(ImapState s) {
    this.state = s;
  }

  String user() {
    return user;
  }

  Mailbox mailbox() {
    return mailbox;
  }

  /** Logs in as this address: the session sees that user's mailbox and nothing else. */
  void loggedIn(String address) {
    this.user = address;
    log.authUser(address);
    this.mailbox = config.mailboxes().mailbox(address);
    this.state = ImapState.AUTHENTICATED;
  }

  /** Whether the client enabled UTF8=ACCEPT (RFC 6855): UTF-8 in quoted strings and mailbox names. */
  boolean utf8() {
    return utf8;
  }

  void enableUtf8() {
    this.utf8 = true;
  }

  SelectedFolder selected() {
    return selected;
  }

  void select(SelectedFolder s) {
    unselect();
    selected = s;
    state = ImapState.SELECTED;
  }

  void unselect() {
    if (selected != null) {
      selected.close();
      selected = null;
    }
    if (state == ImapState.SELECTED) {
      state = ImapState.AUTHENTICATED;
    }
  }

  /** Writes {@code * line}; the transcript shows it with any literal given by its size. */
  void untagged(String line) throws IOException {
    write("* " + line + "\r\n");
  }

  /**
   * An empty builder for one untagged response, to be written with {@link #untagged(StringBuilder)}:
   * the same builder each time, so that a listing of 100,000 folders does not make a string, a
   * copy and an array of octets per line (their garbage pushed the folders out of the CPU's caches).
   */
  StringBuilder untaggedLine() {
    line.setLength(0);
    return line;
  }

  /**
   * Writes {@code * line} from a builder, as {@link #untagged(String)} does; an ASCII line without
   * a literal is copied into an array of octets kept for the next line. The transcript makes its
   * text from the octets before they are reused.
   */
  void untagged(StringBuilder text) throws IOException {
    int n = text.length();
    if (n == 0 || text.charAt(n - 1) == '}') {
      untagged(text.toString());
      return;
    }
    if (lineOctets.length < n + 4) {
      lineOctets = new byte[Math.max(n + 4, 2 * lineOctets.length)];
    }
    byte[] b = lineOctets;
    b[0] = '*';
    b[1] = ' ';
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        untagged(text.toString());
        return;
      }
      b[i + 2] = (byte) c;
    }
    b[n + 2] = '\r';
    b[n + 3] = '\n';
    transcribe(responses.line(b, 0, n + 4));
    exchange.write(b, 0, n + 4);
  }

  /**
   * Writes a whole untagged line already in octets, {@code * } to CRLF, without a literal (as
   * {@link #untagged(StringBuilder)} writes its copy); the transcript makes its text before the
   * caller reuses the array.
   */
  void untaggedOctets(byte[] line, int len) throws IOException {
    transcribe(responses.line(line, 0, len));
    exchange.write(line, 0, len);
  }

  /**
   * Writes a response, or part of one, as octets (a FETCH response with its literals); the
   * transcript shows it with each literal given by its size, never the message data, also when a
   * literal's octets come in a write of their own ({@link ResponseTranscript}).
   */
  void write(byte[] bytes) throws IOException {
    transcribe(responses.line(bytes, 0, bytes.length));
    exchange.write(bytes);
  }

  /** Writes a response or continuation request (CRLF-ended), noted in the transcript as {@link #write(byte[])}. */
  void write(String text) throws IOException {
    transcribe(responses.line(text));
    exchange.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void transcribe(java.util.function.Supplier<String> line) {
    if (line != null) {
      log.server(line);
    }
  }

  /**
   * Sends a continuation request and reads the client's line; null at end of stream. The line is a
   * SASL response (AUTHENTICATE): the transcript shows {@value TranscriptText#HIDDEN}.
   */
  String continuation(String text) throws IOException {
    log.server("+ " + text);
    exchange.write(("+ " + text + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    exchange.flush();
    String answer = exchange.readLine(ImapConfig.MAX_LINE);
    if (answer != null) {
      log.client(TranscriptText.HIDDEN);
    }
    return answer;
  }

  /** Writes pending updates of the selected folder. */
  void sendUpdates(boolean allowExpunge, boolean withUid) throws IOException {
    if (selected != null) {
      selected.sendUpdates(allowExpunge, withUid);
    }
  }

  // ---- waking IDLE ----

  /** Called on any thread when something happened that IDLE should report. */
  void wake() {
    wakeLock.lock();
    try {
      wakeup = true;
      woken.signalAll();
    } finally {
      wakeLock.unlock();
    }
  }

  /** Waits until {@link #wake()} is called (or the timeout passes); clears the wake-up. */
  void awaitWake(long millis) throws InterruptedException {
    wakeLock.lock();
    try {
      long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
      while (!wakeup && nanos > 0) {
        nanos = woken.awaitNanos(nanos);
      }
      wakeup = false;
    } finally {
      wakeLock.unlock();
    }
  }

  String capabilities() {
    StringBuilder sb = new StringBuilder("IMAP4rev1 LITERAL+ SASL-IR IDLE UIDPLUS MOVE NAMESPACE ID ENABLE "
        + "SPECIAL-USE LIST-EXTENDED LIST-STATUS ESEARCH SORT MULTIAPPEND BINARY UNSELECT CHILDREN UTF8=ACCEPT AUTH=PLAIN");
    if (state == ImapState.NOT_AUTHENTICATED && !exchange.isTls() && exchange.tlsAvailable()) {
      sb.append(" STARTTLS");
    }
    return sb.toString();
  }

  /** Charges the memory account for an APPEND's literal before it is read; false when it does not fit. */
  boolean reserve(long octets) {
    if (!config.mailboxes().account().tryCharge(octets)) {
      return false;
    }
    reserved += octets;
    return true;
  }

  /** What {@link #reserve} charged for the current command; the caller now owns the charge. */
  long takeReserved() {
    long r = reserved;
    reserved = 0;
    return r;
  }

  /** Releases what the current command reserved and did not use. */
  void releaseReserved() {
    config.mailboxes().account().release(takeReserved());
  }

  void close() {
    releaseReserved();
    unselect();
  }
}
