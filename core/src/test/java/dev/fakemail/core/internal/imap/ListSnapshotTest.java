package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.internal.mailbox.Mailbox;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code LIST "" *} and other {@code prefix*} listings written from the mailbox's listing snapshot:
 * the same octets as the listing of the same folders walked in the sorted map (two patterns, which
 * always walk it, name each folder once), and never stale after a change made in this session or
 * in another.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ListSnapshotTest {
  private final FakeImapSession imap = new FakeImapSession().login();

  /** The forms compared: each with one pattern (the snapshot) and as two patterns (the map walk). */
  private static final String[][] FORMS = {
      {"LIST \"\" *", "LIST \"\" (* *)"},
      {"LIST \"\" * RETURN (SUBSCRIBED)", "LIST \"\" (* *) RETURN (SUBSCRIBED)"},
      {"LIST \"\" * RETURN (CHILDREN SPECIAL-USE STATUS (MESSAGES UIDNEXT UNSEEN))",
          "LIST \"\" (* *) RETURN (CHILDREN SPECIAL-USE STATUS (MESSAGES UIDNEXT UNSEEN))"},
      {"LIST (SPECIAL-USE) \"\" *", "LIST (SPECIAL-USE) \"\" (* *)"},
      {"LIST \"\" p*", "LIST \"\" (p* p*)"},
      {"LIST p *", "LIST p (* *)"},
      {"LIST \"\" i*", "LIST \"\" (i* i*)"},
      {"LIST \"\" INBOX*", "LIST \"\" (INBOX* INBOX*)"},
      {"LIST \"\" \"caf&AOk-*\"", "LIST \"\" (\"caf&AOk-*\" \"caf&AOk-*\")"},
  };

  /** Asserts that every form lists the same as its map walk, before and after a whole listing made the snapshot; returns {@code LIST "" *}. */
  private String listEverywhere(FakeImapSession s) {
    for (String[] form : FORMS) { // the prefix forms first: without a snapshot they walk the map
      assertThat(s.run("a " + form[0]).ok().untagged()).as(form[0]).isEqualTo(s.run("b " + form[1]).ok().untagged());
    }
    String all = s.run("l LIST \"\" *").ok().untagged(); // the snapshot, made now if a change dropped it
    for (String[] form : FORMS) {
      assertThat(s.run("a " + form[0]).ok().untagged()).as(form[0]).isEqualTo(s.run("b " + form[1]).ok().untagged());
    }
    return all;
  }

  private void mixedMailbox(String cafe, String creme) {
    for (String name : new String[] {"p/q/r", "p/s", "\"" + cafe + "\"", "\"" + cafe + "/" + creme + "\"", "\"say \\\"hi\\\"\"",
        "\"back\\\\slash\"", "\"a&-b\"", "inbox/Sub", "zz"}) {
      imap.run("c CREATE " + name).ok();
    }
    imap.run("s SUBSCRIBE p/s").ok();
    imap.run("s SUBSCRIBE gone").ok();
    imap.run("d DELETE p/q").ok(); // \Noselect: it has an inferior
    imap.deliver("one");
  }

  @Test
  void theSnapshotWritesWhatTheMapWalkWrites() {
    mixedMailbox("caf&AOk-", "cr&AOg-me");
    String all = listEverywhere(imap);
    assertThat(all).contains("* LIST (\\Noselect \\HasChildren) \"/\" \"p/q\"\r\n",
        "* LIST (\\HasNoChildren) \"/\" \"a&-b\"\r\n", "* LIST (\\HasNoChildren) \"/\" \"say \\\"hi\\\"\"\r\n",
        "* LIST (\\HasNoChildren) \"/\" \"back\\\\slash\"\r\n",
        "* LIST (\\HasChildren) \"/\" \"caf&AOk-\"\r\n", "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"\r\n",
        "* LIST (\\HasChildren) \"/\" INBOX\r\n");
  }

  @Test
  void withUtf8AcceptNamesGoInUtf8AsBefore() {
    imap.run("e ENABLE UTF8=ACCEPT").ok();
    mixedMailbox("café", "crème");
    String all = listEverywhere(imap);
    assertThat(all).contains("* LIST (\\HasChildren) \"/\" \"café\"\r\n", "* LIST (\\HasNoChildren) \"/\" \"café/crème\"\r\n");
  }

  @Test
  void everyChangeInTheSessionIsListedAtOnce() {
    listEverywhere(imap);
    imap.run("c CREATE x").ok();
    assertThat(listEverywhere(imap)).contains("* LIST (\\HasNoChildren) \"/\" \"x\"\r\n");
    imap.run("c CREATE x/y").ok();
    assertThat(listEverywhere(imap)).contains("* LIST (\\HasChildren) \"/\" \"x\"\r\n", "\"x/y\"");
    imap.run("d DELETE x").ok();
    assertThat(listEverywhere(imap)).contains("* LIST (\\Noselect \\HasChildren) \"/\" \"x\"\r\n");
    imap.run("c CREATE x").ok();
    assertThat(listEverywhere(imap)).contains("* LIST (\\HasChildren) \"/\" \"x\"\r\n");
    imap.run("r RENAME x w").ok();
    assertThat(listEverywhere(imap)).contains("* LIST (\\HasChildren) \"/\" \"w\"\r\n", "\"w/y\"").doesNotContain("\"x");
    imap.run("d DELETE w/y").ok();
    assertThat(listEverywhere(imap)).contains("* LIST (\\HasNoChildren) \"/\" \"w\"\r\n").doesNotContain("w/y");
    imap.run("r RENAME Sent Archive/Sent").ok(); // the special use goes with the folder
    assertThat(listEverywhere(imap)).contains("* LIST (\\HasNoChildren \\Sent) \"/\" \"Archive/Sent\"\r\n",
        "* LIST (\\HasChildren) \"/\" \"Archive\"\r\n").doesNotContain("\"Sent\"");
    imap.run("d DELETE Archive/Sent").ok();
    assertThat(listEverywhere(imap)).doesNotContain("\\Sent");
    imap.run("s SUBSCRIBE w").ok();
    assertThat(imap.run("l LIST \"\" * RETURN (SUBSCRIBED)").ok().untagged())
        .contains("* LIST (\\HasNoChildren \\Subscribed) \"/\" \"w\"\r\n");
    listEverywhere(imap);
    imap.run("u UNSUBSCRIBE w").ok();
    assertThat(imap.run("l LIST \"\" * RETURN (SUBSCRIBED)").ok().untagged())
        .contains("* LIST (\\HasNoChildren) \"/\" \"w\"\r\n");
    listEverywhere(imap);
  }

  @Test
  void aChangeInAnotherSessionIsListedAtOnce() {
    FakeImapSession other = imap.another().login();
    listEverywhere(imap);
    other.run("c CREATE n/m").ok();
    assertThat(listEverywhere(imap)).contains("* LIST (\\HasChildren) \"/\" \"n\"\r\n", "\"n/m\"");
    other.run("d DELETE n").ok();
    assertThat(listEverywhere(imap)).contains("* LIST (\\Noselect \\HasChildren) \"/\" \"n\"\r\n");
    other.run("r RENAME n k").ok();
    assertThat(listEverywhere(imap)).contains("* LIST (\\Noselect \\HasChildren) \"/\" \"k\"\r\n", "\"k/m\"")
        .doesNotContain("\"n");
    other.run("s SUBSCRIBE k/m").ok();
    assertThat(imap.run("l LIST \"\" * RETURN (SUBSCRIBED)").ok().untagged())
        .contains("* LIST (\\HasNoChildren \\Subscribed) \"/\" \"k/m\"\r\n");
    other.run("d DELETE k/m").ok();
    assertThat(listEverywhere(imap)).doesNotContain("k/m");
  }

  @Test
  void aNarrowListingDoesNotMakeTheSnapshot() {
    Mailbox box = imap.mailboxes.mailbox(FakeImapSession.BOB);
    imap.run("c CREATE d7/f1").ok();
    imap.run("l LIST \"\" d7/%").ok();
    imap.run("l LIST \"\" d*").ok();
    imap.run("l LIST \"\" %").ok();
    imap.run("s STATUS d7/f1 (MESSAGES)").ok();
    assertThat(box.listingIfMade()).isNull();
    imap.run("l LIST \"\" *").ok();
    assertThat(box.listingIfMade()).isNotNull();
    imap.run("c CREATE d7/f2").ok();
    assertThat(box.listingIfMade()).isNull();
  }

  /**
   * A listing while another session adds and removes {@code p/c}: each shows the mailbox at one
   * moment, {@code p} with children exactly when {@code p/c} is listed.
   */
  @Test
  void aListingDuringChangesShowsOneStateOfTheMailbox() throws Exception {
    Mailbox box = imap.mailboxes.mailbox(FakeImapSession.BOB);
    for (int i = 0; i < 300; i++) {
      box.create("f" + i);
    }
    box.create("p");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try {
        while (!stop.get()) {
          box.create("p/c");
          box.delete("p/c");
        }
      } catch (Throwable e) {
        failed.set(e);
      }
    });
    writer.start();
    List<String> seen = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        String all = imap.run("l LIST \"\" *").ok().untagged();
        boolean child = all.contains("\"p/c\"");
        assertThat(all).contains(child ? "* LIST (\\HasChildren) \"/\" \"p\"\r\n" : "* LIST (\\HasNoChildren) \"/\" \"p\"\r\n");
        seen.add(child ? "with" : "without");
      }
    } finally {
      stop.set(true);
      writer.join();
    }
    assertThat(failed.get()).isNull();
    assertThat(seen).hasSize(300);
  }
}
