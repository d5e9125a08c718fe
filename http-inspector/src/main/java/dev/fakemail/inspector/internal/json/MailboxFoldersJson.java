package dev.fakemail.inspector.internal.json;

import dev.fakemail.core.internal.mailbox.Folder;
import dev.fakemail.core.internal.mailbox.Mailbox;
import java.util.List;

/** One mailbox with its folders, as {@code GET /api/v1/mailboxes/{address}} answers it. */
public record MailboxFoldersJson(String address, int unseen, List<FolderJson> folders) {

  /**
   * One folder: its messages, those without {@code \Seen}, whether the user subscribes to it,
   * its special use ({@code \Sent}, {@code \Junk}...) and whether it holds messages at all
   * ({@code selectable} false: a {@code \Noselect} name kept for its subfolders).
   */
  public record FolderJson(String name, String specialUse, int messages, int unseen, boolean subscribed,
                           boolean selectable) {}

  public static MailboxFoldersJson of(Mailbox box) {
    List<FolderJson> folders = box.folders().stream()
        .map(f -> new FolderJson(f.name(), f.specialUse(), f.size(), f.unseen(), box.isSubscribed(f.name()), !f.noselect()))
        .toList();
    return new MailboxFoldersJson(box.address(), folders.stream().mapToInt(FolderJson::unseen).sum(), folders);
  }

  /** The unseen messages of all the mailbox's folders. */
  public static int unseen(Mailbox box) {
    int n = 0;
    for (Folder f : box.folders()) {
      n += f.unseen();
    }
    return n;
  }
}
