package dev.fakemail.core.internal.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sorted folder structure behind LIST, LSUB and STATUS: children by one lookup, listing by
 * prefix range with subtrees below a depth skipped, kept right through CREATE, DELETE and RENAME.
 * Every answer is checked against a plain scan of all names.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MailboxListingTest {
  private final Mailbox box = new Mailbox("bob@x.test");

  private List<String> list(String prefix, int maxLevels) {
    List<String> out = new ArrayList<>();
    for (Folder f : box.list(prefix, maxLevels)) {
      out.add(f.name());
    }
    return out;
  }

  /** What a full scan says: names with the prefix and at most maxLevels delimiters. */
  private List<String> scan(String prefix, int maxLevels) {
    List<String> out = new ArrayList<>();
    for (Folder f : box.folders()) {
      String n = f.name();
      long levels = n.chars().filter(c -> c == '/').count();
      if (n.startsWith(prefix) && (maxLevels < 0 || levels <= maxLevels)) {
        out.add(n);
      }
    }
    return out;
  }

  private boolean scanHasChildren(String name) {
    return box.folders().stream().anyMatch(f -> f.name().startsWith(name + "/"));
  }

  private void assertConsistent() {
    for (String prefix : List.of("", "a", "a/", "a/b", "a/b/", "ab", "INBOX", "z")) {
      for (int levels = -1; levels <= 3; levels++) {
        assertThat(list(prefix, levels)).as("prefix %s, levels %d", prefix, levels).isEqualTo(scan(prefix, levels));
      }
    }
    for (Folder f : box.folders()) {
      assertThat(box.hasChildren(f.name())).as("children of %s", f.name()).isEqualTo(scanHasChildren(f.name()));
    }
    for (java.util.Map.Entry<String, Folder> e : box.subscribedFolders("")) { // each with its folder, or none
      assertThat(e.getValue()).as("folder of subscribed %s", e.getKey()).isEqualTo(box.folder(e.getKey()).orElse(null));
    }
    assertSnapshot();
  }

  /** The listing snapshot (the one kept, or a new one) says what the folders say now. */
  private void assertSnapshot() {
    FolderListing listing = box.listing();
    List<Folder> all = box.folders();
    assertThat(listing.size()).isEqualTo(all.size());
    for (int i = 0; i < all.size(); i++) {
      Folder f = all.get(i);
      int a = listing.attributes(i);
      assertThat(listing.name(i)).isEqualTo(f.name());
      assertThat(listing.folder(i)).isSameAs(f);
      assertThat((a & FolderListing.HAS_CHILDREN) != 0).as("children of %s", f.name()).isEqualTo(scanHasChildren(f.name()));
      assertThat((a & FolderListing.NOSELECT) != 0).as("noselect of %s", f.name()).isEqualTo(f.noselect());
      assertThat((a & FolderListing.SPECIAL_USE) != 0).as("special use of %s", f.name()).isEqualTo(f.specialUse() != null);
      assertThat((a & FolderListing.SUBSCRIBED) != 0).as("subscribed %s", f.name()).isEqualTo(box.isSubscribed(f.name()));
      assertThat(listing.first(f.name())).isEqualTo(i);
      if ((a & FolderListing.PLAIN) != 0) {
        byte[] wire = new byte[listing.wireLength(i)];
        listing.copyWire(i, wire, 0);
        String quoted = f.name().equals(Mailbox.INBOX) ? f.name() : "\"" + f.name() + "\"";
        assertThat(new String(wire, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(quoted);
      }
    }
  }

  /** The snapshot is charged to the memory account while it is kept; without room, none is made. */
  @Test
  void theSnapshotIsChargedWhileKept() throws Exception {
    dev.fakemail.core.internal.store.MemoryAccount account = new dev.fakemail.core.internal.store.MemoryAccount(1 << 20);
    Mailbox charged = new Mailbox("bob@x.test", account, 100);
    charged.create("a/b");
    long folders = account.used();
    FolderListing listing = charged.listing();
    assertThat(account.used()).isEqualTo(folders + listing.bytes());
    assertThat(listing.bytes()).isGreaterThan(7 * 13 + "\"a/b\"".length());
    assertThat(charged.listing()).isSameAs(listing);
    charged.subscribe("a");
    assertThat(account.used()).isEqualTo(folders);
    long snapshot = charged.listing().bytes();
    assertThat(charged.releaseFolders()).isEqualTo(folders + snapshot); // forgotten: all of it given back
    assertThat(charged.listingIfMade()).isNull();

    dev.fakemail.core.internal.store.MemoryAccount full = new dev.fakemail.core.internal.store.MemoryAccount(1);
    Mailbox none = new Mailbox("bob@x.test", full, 100);
    full.force(1);
    assertThat(none.listing()).isNull();
    assertThat(none.listingIfMade()).isNull();
    assertThat(full.used()).isEqualTo(1);
  }

  /** Every kind of change, each after a whole listing made the snapshot: the next one shows it. */
  @Test
  void theListingSnapshotIsNeverStale() throws Exception {
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    for (int i = 0; i < 600; i++) {
      assertSnapshot();
      List<Folder> all = box.folders();
      String some = all.get(random.nextInt(all.size())).name();
      String n = "a/" + (char) ('a' + random.nextInt(3)) + "/" + random.nextInt(4) + (random.nextBoolean() ? "/z" : "");
      try {
        switch (random.nextInt(6)) {
          case 0 -> box.create(n);
          case 1 -> box.delete(some);
          case 2 -> box.rename(some, n);
          case 3 -> box.subscribe(random.nextBoolean() ? some : n);
          case 4 -> box.unsubscribe(some);
          default -> box.create(some); // a \Noselect name becomes a folder again
        }
      } catch (MailboxException expected) { // exists already, INBOX, into itself...
      }
    }
    assertConsistent();
  }

  @Test
  void createMakesSuperiorsAndChildrenAreOneLookup() throws Exception {
    box.create("a/b/c");
    box.create("a/b0"); // '0' sorts right after '/': must not count as a child of a/b
    box.create("ab");
    box.create("a/b/c/d/e");
    assertThat(box.folder("a").isPresent()).isTrue();
    assertThat(box.folder("a/b/c/d").isPresent()).isTrue();
    assertThat(box.hasChildren("a")).isTrue();
    assertThat(box.hasChildren("a/b0")).isFalse();
    assertThat(box.hasChildren("ab")).isFalse();
    assertThat(box.hasChildren("a/b/c/d/e")).isFalse();
    assertThat(box.hasChildren("Sent")).isFalse();
    assertConsistent();
  }

  @Test
  void listingSkipsDeeperSubtreesButKeepsTheirSiblings() throws Exception {
    for (String n : List.of("a/b/c/d", "a/b/x", "a/b0", "a/c", "a/c/d", "ab/c")) {
      box.create(n);
    }
    assertThat(list("a/", 1)).containsExactly("a/b", "a/b0", "a/c"); // like LIST "" a/%
    assertThat(list("a/", 2)).containsExactly("a/b", "a/b/c", "a/b/x", "a/b0", "a/c", "a/c/d"); // a/%/%
    assertThat(list("a/", -1)).containsExactly("a/b", "a/b/c", "a/b/c/d", "a/b/x", "a/b0", "a/c", "a/c/d"); // a/*
    assertThat(list("", 0)).containsExactly("Drafts", "INBOX", "Junk", "Sent", "Trash", "a", "ab"); // %
    assertThat(list("nothing", -1)).isEmpty();
    assertConsistent();
  }

  @Test
  void deleteKeepsASuperiorAsNoselectAndChildrenFollow() throws Exception {
    box.create("a/b");
    box.delete("a");
    assertThat(box.require("a").noselect()).isTrue();
    assertThat(box.hasChildren("a")).isTrue();
    box.delete("a/b");
    assertThat(box.hasChildren("a")).isFalse();
    assertThat(list("a", -1)).containsExactly("a");
    box.delete("a");
    assertThat(list("a", -1)).isEmpty();
    assertConsistent();
  }

  @Test
  void renameMovesTheSubtreeCreatesSuperiorsAndMovesSubscriptions() throws Exception {
    box.create("a/b/c");
    box.create("a/b0");
    box.subscribe("a/b/c");
    box.rename("a/b", "x/y/z");
    assertThat(list("", -1)).contains("x", "x/y", "x/y/z", "x/y/z/c", "a", "a/b0").doesNotContain("a/b", "a/b/c");
    assertThat(box.hasChildren("x/y")).isTrue();
    assertThat(box.hasChildren("a")).isTrue(); // a/b0 is left
    assertThat(box.subscriptions("x/")).containsExactly("x/y/z/c");
    assertThat(box.isSubscribed("a/b/c")).isFalse();
    assertThat(box.subscribedFolders("x/").get(0).getValue()).isSameAs(box.require("x/y/z/c"));
    box.rename("a/b0", "b0");
    assertThat(box.hasChildren("a")).isFalse();
    assertConsistent();
  }

  @Test
  void subscriptionsByPrefixIncludeNamesThatDoNotExist() throws Exception {
    box.subscribe("p/q");
    box.subscribe("p0");
    box.subscribe("q");
    assertThat(box.subscribedFolders("p/").get(0).getValue()).isNull();
    box.create("p/q");
    assertThat(box.subscribedFolders("p/").get(0).getValue()).isSameAs(box.require("p/q"));
    box.delete("p/q");
    assertThat(box.subscribedFolders("p/").get(0).getValue()).isNull();
    assertConsistent();
    assertThat(box.subscriptions("p")).containsExactly("p/q", "p0");
    assertThat(box.subscriptions("p/")).containsExactly("p/q");
    assertThat(box.isSubscribed("p/q")).isTrue();
    box.unsubscribe("p/q");
    assertThat(box.subscriptions("p/")).isEmpty();
  }

  @Test
  void manyFoldersStayConsistent() throws Exception {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String n = "a/" + (char) ('a' + random.nextInt(3)) + "/" + random.nextInt(5) + (random.nextBoolean() ? "/z" : "");
      if (box.folder(n).isEmpty()) {
        made.add(box.create(n).name());
      }
      if (random.nextInt(4) == 0 && !made.isEmpty()) {
        String gone = made.remove(random.nextInt(made.size()));
        if (box.folder(gone).isPresent() && !box.require(gone).noselect()) {
          box.delete(gone);
        }
      }
    }
    assertConsistent();
  }
}
