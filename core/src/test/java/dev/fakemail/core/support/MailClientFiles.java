package dev.fakemail.core.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Configuration files and scripts for the command-line mail clients the interop tests run (mbsync,
 * fetchmail, python's poplib and imaplib), shared by the tests against the in-process server and
 * against the standalone program.
 */
public final class MailClientFiles {
  private MailClientFiles() {}

  /**
   * python's poplib: STLS trusting the certificate file, login, RETR of every message, UIDL. Arguments:
   * the POP3 port, the user, the certificate file. Prints "count N", each message, "uidl N".
   */
  public static final String PYTHON_POPLIB = String.join("\n",
      "import poplib, ssl, sys",
      "ctx = ssl.create_default_context(cafile=sys.argv[3])",
      "p = poplib.POP3('localhost', int(sys.argv[1]))",
      "p.stls(context=ctx)",
      "p.user(sys.argv[2]); p.pass_('x')",
      "count, size = p.stat()",
      "print('count', count)",
      "for i in range(1, count + 1):",
      "    resp, lines, octets = p.retr(i)",
      "    print(b'\\n'.join(lines).decode())",
      "print('uidl', len(p.uidl()[1]))",
      "p.quit()");

  /**
   * python's imaplib: STARTTLS trusting the certificate file, SELECT, SEARCH BODY, FETCH, STORE +FLAGS,
   * SEARCH FLAGGED, LIST. Arguments: the IMAP port, the user, the certificate file. Prints "exists N",
   * "found …", message 2, "flagged …", "folders N".
   */
  public static final String PYTHON_IMAPLIB = String.join("\n",
      "import imaplib, ssl, sys",
      "ctx = ssl.create_default_context(cafile=sys.argv[3])",
      "m = imaplib.IMAP4('localhost', int(sys.argv[1]))",
      "m.starttls(ssl_context=ctx)",
      "m.login(sys.argv[2], 'x')",
      "typ, data = m.select('INBOX')",
      "print('exists', data[0].decode())",
      "typ, data = m.search(None, 'BODY', '\"number 2\"')",
      "print('found', data[0].decode())",
      "typ, data = m.fetch(b'2', '(RFC822)')",
      "print(data[0][1].decode())",
      "m.store(b'2', '+FLAGS', '\\\\Flagged')",
      "typ, data = m.search(None, 'FLAGGED')",
      "print('flagged', data[0].decode())",
      "typ, data = m.list()",
      "print('folders', len(data))",
      "m.logout()");

  /** An mbsync config that syncs every folder of {@code user} over IMAPS into {@code maildir}. */
  public static Path mbsyncrc(Path dir, int imapsPort, String user, Path cert, Path maildir) throws IOException {
    Files.createDirectories(maildir);
    return Files.writeString(dir.resolve("mbsyncrc"), String.join("\n",
      "IMAPAccount fake",
      "Host 127.0.0.1",
      "Port " + imapsPort,
      "User " + user,
      "Pass x",
      "SSLType IMAPS",
      "CertificateFile " + cert,
      "",
      "IMAPStore fake-remote",
      "Account fake",
      "",
      "MaildirStore local",
      "Path " + maildir + "/",
      "Inbox " + maildir + "/INBOX",
      "SubFolders Verbatim",
      "",
      "Channel everything",
      "Far :fake-remote:",
      "Near :local:",
      "Patterns *",
      "Create Near",
      "SyncState *",
      ""));
  }

  /** A fetchmail rc (mode 600, as fetchmail demands) that fetches all of {@code user}'s mail into files under {@code out}. */
  public static Path fetchmailrc(Path dir, int pop3Port, String user, Path out) throws IOException {
    Files.createDirectories(out);
    Path rc = Files.writeString(dir.resolve("fetchmailrc"), String.join("\n",
      "set no syslog",
      "poll 127.0.0.1 with proto POP3 port " + pop3Port,
      "  user \"" + user + "\" there with password \"x\" is \"" + System.getProperty("user.name") + "\" here",
      "  sslproto ''",
      "  fetchall",
      "  mda \"/bin/sh -c 'cat > " + out + "/msg-$$.eml'\"",
      ""));
    Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
    return rc;
  }

  /** The messages in a Maildir folder (its {@code cur} and {@code new}). */
  public static long countMaildir(Path folder) throws IOException {
    long n = 0;
    for (String sub : List.of("cur", "new")) {
      Path p = folder.resolve(sub);
      if (Files.isDirectory(p)) {
        try (Stream<Path> files = Files.list(p)) {
          n += files.count();
        }
      }
    }
    return n;
  }
}
