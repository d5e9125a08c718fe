package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CAPABILITY, NOOP, LOGOUT, ID, ENABLE, NAMESPACE, and the dispatch around every command, through a fake exchange. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AnyStateCommandsTest {
  private final FakeImapSession imap = new FakeImapSession();

  @Test
  void capabilityListsStartTlsOnlyWhileItCanBeUsed() {
    FakeImapSession.Response r = imap.run("a CAPABILITY").ok();
    assertThat(r.untagged()).startsWith("* CAPABILITY IMAP4rev1 ").contains("IDLE", "UIDPLUS", "AUTH=PLAIN", "STARTTLS");
    assertThat(r.completion()).isEqualTo("a OK CAPABILITY completed");
    imap.exchange.tls = true;
    assertThat(imap.run("b CAPABILITY").untagged()).doesNotContain("STARTTLS");
    imap.exchange.tls = false;
    imap.exchange.tlsAvailable = false;
    assertThat(imap.run("c CAPABILITY").untagged()).doesNotContain("STARTTLS");
  }

  @Test
  void capabilityWithArgumentsIsBad() {
    FakeImapSession.Response r = imap.run("a CAPABILITY now");
    assertThat(r.completion()).startsWith("a BAD");
    assertThat(r.untagged()).isEmpty();
  }

  @Test
  void noopSendsThePendingUpdatesOfTheSelectedFolder() {
    imap.deliver("one").select();
    imap.deliver("two");
    FakeImapSession.Response r = imap.run("n NOOP").ok();
    assertThat(r.untagged()).contains("* 2 EXISTS\r\n", "* 2 RECENT\r\n");
    assertThat(imap.run("m NOOP").untagged()).isEmpty();
  }

  @Test
  void logoutSaysByeBeforeItsCompletionAndEndsTheSession() {
    imap.select();
    FakeImapSession.Response r = imap.run("z LOGOUT").ok();
    assertThat(r.untagged()).isEqualTo("* BYE fakemail logging out\r\n");
    assertThat(imap.session.state()).isEqualTo(ImapState.LOGOUT);
    assertThat(imap.session.selected()).isNull();
  }

  @Test
  void idReadsTheClientsFieldsAndNamesTheServer() {
    FakeImapSession.Response r = imap.run("i ID (\"name\" \"tb\" \"version\" NIL)").ok();
    assertThat(r.untagged()).isEqualTo("* ID (\"name\" \"fakemail\" \"vendor\" \"fakemail\")\r\n");
    imap.run("j ID NIL").ok();
    assertThat(imap.complete("k ID (\"name\" \"tb\"")).startsWith("k BAD Unterminated ID list");
    assertThat(imap.complete("l ID something")).startsWith("l BAD Syntax: ID");
  }

  @Test
  void enableTellsOnlyWhatItNewlyEnabled() {
    assertThat(imap.complete("e ENABLE UTF8=ACCEPT")).isEqualTo("e BAD Command not valid in this state");
    imap.login();
    assertThat(imap.run("e ENABLE CONDSTORE UTF8=ACCEPT").ok().untagged()).isEqualTo("* ENABLED UTF8=ACCEPT\r\n");
    assertThat(imap.session.utf8()).isTrue();
    assertThat(imap.run("f ENABLE UTF8=ACCEPT").ok().untagged()).isEqualTo("* ENABLED\r\n");
    assertThat(imap.complete("g ENABLE")).startsWith("g BAD");
  }

  @Test
  void namespaceHasOnePersonalNamespace() {
    imap.login();
    assertThat(imap.run("n NAMESPACE").ok().untagged()).isEqualTo("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n");
  }

  @Test
  void unknownCommandsAndUidFormsThatDoNotExistAreBad() {
    assertThat(imap.complete("a FROB")).isEqualTo("a BAD Unknown command FROB");
    assertThat(imap.complete("b UID FROB")).isEqualTo("b BAD Unknown command UID FROB");
    assertThat(imap.complete("c UID NOOP")).isEqualTo("c BAD UID NOOP does not exist");
    assertThat(imap.complete("d")).isEqualTo("d BAD Missing command");
  }

  @Test
  void commandsOutsideTheirStatesAreBadWithoutRunning() {
    assertThat(imap.complete("a SELECT INBOX")).isEqualTo("a BAD Command not valid in this state");
    assertThat(imap.complete("b FETCH 1 FLAGS")).isEqualTo("b BAD Command not valid in this state");
    imap.login();
    assertThat(imap.complete("c LOGIN bob pw")).isEqualTo("c BAD Command not valid in this state");
    assertThat(imap.complete("d UID FETCH 1 FLAGS")).isEqualTo("d BAD Command not valid in this state");
    assertThat(imap.session.state()).isEqualTo(ImapState.AUTHENTICATED);
  }

  @Test
  void theTableDeclaresStatesAsImapStateConstantsAndWhichCommandsBlock() {
    var table = ImapServer.commandTable();
    assertThat(table.get("FETCH")).isSameAs(table.get("UID FETCH"));
    assertThat(table.get("UID NOOP")).isNull();
    assertThat(table.get("FETCH").validIn()).isSameAs(ImapState.SELECTED_ONLY);
    assertThat(table.get("LOGIN").validIn()).isSameAs(ImapState.NOT_AUTHENTICATED_ONLY);
    assertThat(table.get("LIST").validIn()).isSameAs(ImapState.LOGGED_IN);
    assertThat(table.get("NOOP").validIn()).isSameAs(ImapState.ANY);
    assertThat(table.get("IDLE").blocks()).isTrue();
    assertThat(table.get("AUTHENTICATE").blocks()).isTrue();
    assertThat(table.get("STARTTLS").blocks()).isTrue();
    assertThat(table.get("FETCH").blocks()).isFalse();
  }
}
