package dev.fakemail.core.internal.net;

import java.io.IOException;

/**
 * The command loop that SMTP, POP3 and IMAP sessions share: a command is read and run, its reply
 * sent, and the session ends on a reply that ends it (QUIT, LOGOUT, a 421) or after too many errors,
 * with the protocol's goodbye. Replies are flushed when no pipelined command waits behind them. What
 * counts as an error is the protocol's {@link Rule}: SMTP's syntax errors and failed logins (500-504,
 * 535, 555), POP3's {@code -ERR}, IMAP's {@code BAD}; policy answers a well-behaved client gets too
 * (SMTP 550 unknown user, IMAP {@code NO}) do not count. Client command lines go into the transcript
 * with the protocol's {@link Masking} (credentials hidden, see {@link TranscriptText}).
 *
 * <p>One loop a session. A session that moves from the event loop to a thread (SMTP) keeps its
 * loop, so its error count goes with it; {@link #answer} serves both, {@link #run} is the blocking
 * path of a session on a thread.
 *
 * @param <R> the protocol's reply value
 */
public final class CommandLoop<R> {
  /** What a protocol calls an error, and which replies end its sessions. */
  public interface Rule<R> {
    /** Whether the reply counts toward the session's error limit. */
    boolean countsAsError(R reply);

    /** Whether the session ends once the reply is sent (QUIT, LOGOUT, a 421). */
    boolean endsSession(R reply);
  }

  /** Where a session's replies go, transcript included: a connection on a thread, or the event loop's output. */
  public interface Replies<R> {
    void send(R reply) throws IOException;

    /** Sends the goodbye of a session that made too many errors; it ends after that. */
    void tooManyErrors() throws IOException;
  }

  /** One way of sending a reply. */
  @FunctionalInterface
  public interface Sender<R> {
    void send(R reply) throws IOException;
  }

  /** Replies sent by {@code sender}, with a goodbye reply of the same kind (SMTP's 421, POP3's {@code -ERR}). */
  public static <R> Replies<R> replies(Sender<R> sender, R tooManyErrors) {
    return new Replies<>() {
      @Override
      public void send(R reply) throws IOException {
        sender.send(reply);
      }

      @Override
      public void tooManyErrors() throws IOException {
        sender.send(tooManyErrors);
      }
    };
  }

  /** The blocking side of a session: reads the next command and runs it. */
  @FunctionalInterface
  public interface Commands<R> {
    /**
     * The reply to the next command; null at the end of the input. A command that answered before
     * it returned (STARTTLS: the reply goes out before the handshake) is not returned: the next
     * command is read instead.
     */
    R next() throws IOException;
  }

  /** Where the client's side of the transcript goes. */
  @FunctionalInterface
  public interface Transcript {
    void client(String line);
  }

  /** How a protocol writes a client's command line into the transcript. */
  public enum Masking {
    /** {@code AUTH mechanism ****}; other lines as sent. */
    SMTP {
      @Override
      public String clientLine(String verb, String line) {
        return TranscriptText.command(verb, line);
      }
    },
    /** {@code AUTH mechanism ****}, {@code PASS ****}, {@code APOP name ****}; cut at {@value TranscriptText#MAX_TEXT}. */
    POP3 {
      @Override
      public String clientLine(String verb, String line) {
        return TranscriptText.bounded(TranscriptText.command(verb, line));
      }
    },
    /**
     * {@code tag LOGIN user ****}, {@code tag AUTHENTICATE mechanism ****}; cut at {@value TranscriptText#MAX_TEXT}.
     * IMAP's request reader applies the same rule itself, lazily, to a command with its literals
     * given by their size ({@link TranscriptText#imapCommand}).
     */
    IMAP {
      @Override
      public String clientLine(String verb, String line) {
        return TranscriptText.imapCommand(line);
      }
    };

    /**
     * The line as the transcript keeps it.
     *
     * @param verb the command verb, upper case (SMTP, POP3); IMAP finds its own
     */
    public abstract String clientLine(String verb, String line);
  }

  private final Rule<R> rule;
  private final int maxErrors;
  private final Masking masking;
  private final Transcript transcript;
  private int errors;

  public CommandLoop(Rule<R> rule, int maxErrors, Masking masking, Transcript transcript) {
    this.rule = rule;
    this.maxErrors = maxErrors;
    this.masking = masking;
    this.transcript = transcript;
  }

  /** Notes a client's command line in the transcript, masked. */
  public void command(String verb, String line) {
    transcript.client(masking.clientLine(verb, line));
  }

  /** Notes in the transcript a command line that was longer than {@code max} octets (not kept). */
  public void lineTooLong(int max) {
    transcript.client("<line longer than " + max + " octets>");
  }

  /**
   * Sends the reply to one command; false when the session ends with it: a reply that ends it, or
   * one error too many (then the goodbye follows it). A null reply (STARTTLS, DATA's 354) was sent
   * already: the session goes on.
   */
  public boolean answer(R reply, Replies<R> out) throws IOException {
    if (reply == null) {
      return true;
    }
    out.send(reply);
    if (rule.endsSession(reply)) {
      return false;
    }
    if (rule.countsAsError(reply) && ++errors >= maxErrors) {
      out.tooManyErrors();
      return false;
    }
    return true;
  }

  /**
   * Serves commands on a thread until the input ends or a reply ends the session. Replies go out
   * when no pipelined command waits behind them, and all of them before the session ends by a reply.
   */
  public void run(Connection c, Commands<R> commands, Replies<R> out) throws IOException {
    while (true) {
      R reply = commands.next();
      if (reply == null) {
        return;
      }
      if (!answer(reply, out)) {
        c.flush();
        return;
      }
      c.flushIfNoPipelinedInput();
    }
  }
}
