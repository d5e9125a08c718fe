package dev.fakemail.inspector.internal.json;

import dev.fakemail.core.MailAddress;
import java.util.List;

/** A header address: {@code {"name","address"}}. */
public record AddressJson(String name, String address) {
  public static List<AddressJson> of(List<MailAddress> addresses) {
    return addresses.stream().map(a -> new AddressJson(a.name(), a.address())).toList();
  }
}
