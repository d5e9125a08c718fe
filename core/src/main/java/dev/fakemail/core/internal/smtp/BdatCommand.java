package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;
import java.io.OutputStream;

/**
 * BDAT (RFC 3030, CHUNKING): {@code BDAT size [LAST]}, then exactly {@code size} octets. The chunk is
 * always read, even when the command is refused, so that the session stays in step.
 */
final class BdatCommand extends BasicCommand<SmtpState> implements SmtpCommand {
  BdatCommand() {
    super(SmtpState.ANY, "BDAT"); // checked here, after the chunk is consumed
    blocking();
  }

  @Override
  public SmtpReply execute(SmtpSession s, String args) throws IOException {
    String[] parts = args.trim().split(" +");
    long size;
    try {
      size = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      size = -1;
    }
    if (size < 0) { // no size to read: nothing can be consumed
      return SmtpReply.syntax("BDAT chunk-size [LAST]");
    }
    boolean last = parts.length == 2 && parts[1].equalsIgnoreCase("LAST");
    if (parts.length > 2 || parts.length == 2 && !last) { // the size is known: consume the chunk, then refuse
      s.exchange().readChunk(size, OutputStream.nullOutputStream());
      s.log().client("<" + size + " octets of chunk data, discarded>");
      return SmtpReply.syntax("BDAT chunk-size [LAST]");
    }
    SmtpSession.Transaction t = s.transaction();
    if (t == null || t.recipients.isEmpty()) {
      s.exchange().readChunk(size, OutputStream.nullOutputStream());
      s.log().client("<" + size + " octets of chunk data, discarded>");
      return t == null ? SmtpReply.BAD_SEQUENCE : SmtpReply.NO_VALID_RECIPIENTS;
    }
    if (!t.chunking) {
      t.chunking = true;
      t.chunks = new BoundedBuffer(s.config().maxMessageSize(), s.config().account());
    }
    s.exchange().readChunk(size, t.chunks);
    s.log().client("<" + size + " octets of chunk data>");
    if (!last) {
      return SmtpReply.of(250, "2.0.0", size + " octets received");
    }
    return MessageAcceptance.accept(s, t, t.chunks, t.chunks.offered());
  }
}
