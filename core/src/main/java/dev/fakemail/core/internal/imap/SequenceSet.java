package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.FolderMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A sequence set (RFC 3501 §9 sequence-set): ranges of message numbers or UIDs, {@code *} being the
 * largest in use. Resolved against a session's view without walking it: sequence numbers index it,
 * UID ranges are found by binary search.
 */
record SequenceSet(List<long[]> ranges) {
  static final long STAR = -1;

  static SequenceSet parse(String text) throws ImapException {
    List<long[]> ranges = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      int colon = part.indexOf(':');
      long a = value(colon < 0 ? part : part.substring(0, colon), text);
      long b = colon < 0 ? a : value(part.substring(colon + 1), text);
      ranges.add(new long[] {a, b});
    }
    return new SequenceSet(ranges);
  }

  private static long value(String s, String whole) throws ImapException {
    if (s.equals("*")) {
      return STAR;
    }
    try {
      long v = Long.parseLong(s);
      if (v <= 0 || v > 0xffffffffL || s.startsWith("+")) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ImapException.bad("Invalid sequence set " + whole);
    }
  }

  /** The messages in the set, in view order, each once. */
  List<FolderMessage> resolve(SelectedFolder view, boolean uid) throws ImapException {
    Set<Integer> seqs = new LinkedHashSet<>();
    int size = view.size();
    for (long[] r : ranges) {
      if (uid) {
        long max = view.maxUid();
        long a = r[0] == STAR ? max : r[0];
        long b = r[1] == STAR ? max : r[1];
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        for (int i = view.firstIndexAtLeast(lo); i < size && view.at(i + 1).uid() <= hi; i++) {
          seqs.add(i + 1);
        }
      } else {
        long a = r[0] == STAR ? size : r[0];
        long b = r[1] == STAR ? size : r[1];
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        if (size == 0 || hi > size) {
          throw ImapException.bad("Message sequence number out of range (" + size + " messages)");
        }
        for (long i = lo; i <= hi; i++) {
          seqs.add((int) i);
        }
      }
    }
    List<Integer> sorted = new ArrayList<>(seqs);
    sorted.sort(null);
    List<FolderMessage> out = new ArrayList<>(sorted.size());
    for (int s : sorted) {
      out.add(view.at(s));
    }
    return out;
  }

  /** Whether a number (sequence number or UID) is in the set, {@code *} being {@code max}. */
  boolean contains(long n, long max) {
    for (long[] r : ranges) {
      long a = r[0] == STAR ? max : r[0];
      long b = r[1] == STAR ? max : r[1];
      if (n >= Math.min(a, b) && n <= Math.max(a, b)) {
        return true;
      }
    }
    return false;
  }

  /** UIDs as a compact set: {@code 1:3,7}. */
  static String format(List<Long> uids) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < uids.size()) {
      int j = i;
      while (j + 1 < uids.size() && uids.get(j + 1) == uids.get(j) + 1) {
        j++;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(uids.get(i));
      if (j > i) {
        sb.append(':').append(uids.get(j));
      }
      i = j + 1;
    }
    return sb.toString();
  }
}
