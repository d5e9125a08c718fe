package dev.fakemail.core;

import java.util.Objects;

/**
 * An address with its display name decoded (RFC 2047): one of a header's addresses, or a blind copy
 * ({@link ReceivedMessage#bcc()}), which has no name.
 *
 * @param name the display name, or an empty string when there is none
 * @param address the address itself, {@code local@domain}
 */
public record MailAddress(String name, String address) {
  public MailAddress {
    name = name == null ? "" : name;
    Objects.requireNonNull(address, "address");
  }

  @Override
  public String toString() {
    return name.isEmpty() ? address : name + " <" + address + ">";
  }
}
