package dev.fakemail.core.interop;

import dev.fakemail.core.internal.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.support.Conversation;
import dev.fakemail.core.support.Mailer;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Strict mode: only declared users log in, with their password, and each sees only their own mailbox. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StrictModeIsolationIT {
  private static final String BOB = "bob@example.test";
  private static final String CAROL = "carol@example.test";
  private FakeMailServer server;

  @BeforeEach
  void start() throws Exception {
    server = FakeMailServer.builder().user(BOB, "bob-pw").user(CAROL, "carol-pw", "carol").start();
    Mailer.send(server, BOB, "For Bob", "bob only");
    Mailer.send(server, CAROL, "For Carol", "carol only");
    server.awaitMessages(MessageFilter.any(), 2);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void wrongPasswordsAndUnknownUsersAreRefusedByAngusMail() {
    Session session = Session.getInstance(new Properties());
    assertThatThrownBy(() -> session.getStore("imap").connect(server.host(), server.imapPort(), BOB, "carol-pw"))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(() -> session.getStore("pop3").connect(server.host(), server.pop3Port(), BOB, "wrong"))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(() -> session.getStore("imap").connect(server.host(), server.imapPort(), "dave@example.test", "x"))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void eachUserSeesOnlyTheirOwnInboxOverImapAndPop3() throws Exception {
    Session session = Session.getInstance(new Properties());
    try (Store store = session.getStore("imap")) {
      store.connect(server.host(), server.imapPort(), "carol", "carol-pw");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getMessageCount()).isEqualTo(1);
      assertThat(inbox.getMessage(1).getSubject()).isEqualTo("For Carol");
    }
    try (Store store = session.getStore("pop3")) {
      store.connect(server.host(), server.pop3Port(), BOB, "bob-pw");
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getMessageCount()).isEqualTo(1);
      assertThat(inbox.getMessage(1).getSubject()).isEqualTo("For Bob");
      inbox.close(false);
    }
  }

  @Test
  void noMailboxNamePathTrickOrPatternReachesAnotherUsersFolders() throws Exception {
    try (Conversation c = Conversation.open(server.host(), server.imapPort())) {
      c.expect("* OK");
      c.send("1 LOGIN " + BOB + " bob-pw").expect("1 OK");
      c.send("2 CREATE Private").expect("2 OK");
      List<String> all = c.send("3 LIST \"\" *").until("3 OK");
      assertThat(all).noneMatch(l -> l.toLowerCase().contains("carol"));
      for (String pattern : List.of("\"%\"", "\"*/*\"", "\"../*\"", "\"#other/*\"", "\"~carol/*\"", "\"carol*\"")) {
        assertThat(c.send("p LIST \"\" " + pattern).until("p OK")).noneMatch(l -> l.toLowerCase().contains("carol"));
      }
      assertThat(c.send("4 LIST \"../carol@example.test/\" *").until("4 ")).noneMatch(l -> l.startsWith("* LIST"));
      for (String name : List.of("\"carol@example.test/INBOX\"", "\"../carol@example.test/INBOX\"", "\"#other/carol/INBOX\"",
          "\"~carol/INBOX\"", "\"/INBOX\"", "\"INBOX/../../carol@example.test/INBOX\"", "carol")) {
        c.send("5 SELECT " + name).expect("5 NO");
        c.send("6 STATUS " + name + " (MESSAGES)").expect("6 NO");
        c.send("7 APPEND " + name + " {2+}");
        c.send("hi").expect("7 NO");
      }
      c.send("8 SELECT INBOX").until("8 OK");
      c.send("9 COPY 1 \"../carol@example.test/INBOX\"").expect("9 NO [TRYCREATE]");
      c.send("10 SEARCH ALL").expect("* SEARCH 1");
      c.expect("10 OK");
      c.send("11 FETCH 1 BODY.PEEK[HEADER.FIELDS (Subject)]").expect("* 1 FETCH");
      assertThat(c.line()).isEqualTo("Subject: For Bob");
    }
    assertThat(ServerInternals.of(server).mailboxes().mailbox(CAROL).folders()).extracting(f -> f.name())
        .doesNotContain("Private");
    assertThat(ServerInternals.of(server).mailboxes().mailbox(CAROL).inbox().size()).isEqualTo(1);
  }

  @Test
  void saslAuthorizationIdentityCannotOpenAnotherUsersMailbox() throws Exception {
    String asCarol = Base64.getEncoder().encodeToString((CAROL + "\0" + BOB + "\0bob-pw").getBytes(StandardCharsets.UTF_8));
    try (Conversation c = Conversation.open(server.host(), server.imapPort())) {
      c.expect("* OK");
      c.send("1 AUTHENTICATE PLAIN " + asCarol).expect("1 NO [AUTHENTICATIONFAILED]");
    }
    try (Conversation c = Conversation.open(server.host(), server.pop3Port())) {
      c.expect("+OK");
      c.send("AUTH PLAIN " + asCarol).expect("-ERR [AUTH]");
    }
  }
}
