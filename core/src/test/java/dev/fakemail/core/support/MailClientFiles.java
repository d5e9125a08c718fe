package dev.fakemail.core.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Configuration files for the command-line mail clients the interop tests run (mbsync, fetchmail),
 * shared by the tests against the in-process server and against the standalone program.
 */
public final class MailClientFiles {
  private MailClientFiles() {}

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
