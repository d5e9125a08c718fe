package dev.fakemail.core;

import java.util.List;
import java.util.Map;

/**
 * The SMTP envelope of a message: what the client said in MAIL FROM and RCPT TO, which may differ
 * from the headers (a Bcc recipient is only here).
 *
 * @param from the reverse path, an empty string for the null sender {@code <>}
 * @param fromParameters MAIL FROM parameters as given (SIZE, BODY, SMTPUTF8, RET, ENVID, ...), keys upper case
 * @param recipients the accepted recipients in the order given
 */
public record Envelope(String from, Map<String, String> fromParameters, List<Recipient> recipients) {
  public Envelope {
    fromParameters = Map.copyOf(fromParameters);
    recipients = List.copyOf(recipients);
  }

  /** A recipient with its RCPT TO parameters (NOTIFY, ORCPT, ...), keys upper case. */
  public record Recipient(String address, Map<String, String> parameters) {
    public Recipient {
      parameters = Map.copyOf(parameters);
    }

    public static Recipient of(String address) {
      return new Recipient(address, Map.of());
    }
  }

  public static Envelope of(String from, List<String> to) {
    return new Envelope(from, Map.of(), to.stream().map(Recipient::of).toList());
  }

  /** The recipient addresses, in order. */
  public List<String> to() {
    return recipients.stream().map(Recipient::address).toList();
  }
}
