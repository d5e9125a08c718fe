package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.internal.imap.AddressList.Address;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The address parser behind ENVELOPE and address searches (RFC 5322 §3.4, RFC 3501 §7.4.2). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AddressListTest {
  @Test
  void mailboxesWithNamesCommentsRoutesAndQuotes() {
    assertThat(AddressList.parse("\"Doe, John\" <john.doe@example.test>, Mary Q. Public <mary@x.test>"))
        .containsExactly(new Address("Doe, John", null, "john.doe", "example.test"),
            new Address("Mary Q. Public", null, "mary", "x.test"));
    assertThat(AddressList.parse("user@domain (Real Name)")).containsExactly(new Address("Real Name", null, "user", "domain"));
    assertThat(AddressList.parse("<user (c1)@ (c2) domain.org>")).containsExactly(new Address(null, null, "user", "domain.org"));
    assertThat(AddressList.parse("<@a.test,@b.test:user@c.test>"))
        .containsExactly(new Address(null, "@a.test,@b.test", "user", "c.test"));
    assertThat(AddressList.parse("\"odd local\"@[127.0.0.1]"))
        .containsExactly(new Address(null, null, "\"odd local\"", "[127.0.0.1]"));
    assertThat(AddressList.parse("=?UTF-8?Q?J=C3=B6rg?= <j@x.test>")).containsExactly(new Address("=?UTF-8?Q?J=C3=B6rg?=", null, "j", "x.test"));
    assertThat(AddressList.parse("Jörg <jörg@bücher.test>")).containsExactly(new Address("Jörg", null, "jörg", "bücher.test"));
  }

  @Test
  void groupsHaveStartAndEndMarkers() {
    List<Address> list = AddressList.parse("group: a@b.test, C <c@d.test>;, empty:;, (c) solo@e.test");
    assertThat(list).containsExactly(new Address(null, null, "group", null), new Address(null, null, "a", "b.test"),
        new Address("C", null, "c", "d.test"), new Address(null, null, null, null), new Address(null, null, "empty", null),
        new Address(null, null, null, null), new Address(null, null, "solo", "e.test"));
    assertThat(list.get(0).isGroupStart()).isTrue();
    assertThat(list.get(3).isGroupEnd()).isTrue();
    // an unterminated group still ends
    assertThat(AddressList.parse("g: x@y.test")).hasSize(3).last().matches(Address::isGroupEnd);
  }

  @Test
  void nothingOrGarbageGivesWhatCanBeReadWithoutFailing() {
    assertThat(AddressList.parse("")).isEmpty();
    assertThat(AddressList.parse(null)).isEmpty();
    assertThat(AddressList.parse("<>")).isEmpty();
    assertThat(AddressList.parse("user")).containsExactly(new Address(null, null, "user", ""));
    for (String hostile : List.of("(".repeat(100_000), "<".repeat(100_000), "\"".repeat(100_001), ":;@<>,".repeat(20_000),
        "a:".repeat(50_000), "@".repeat(100_000), "\\".repeat(100_000), "[".repeat(100_000))) {
      assertThat(AddressList.parse(hostile)).isNotNull();
    }
  }
}
