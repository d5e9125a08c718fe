package dev.fakemail.core;

import java.util.List;
import java.util.Map;

/**
 * The SMTP envelope of a message: what the client said in {@code MAIL FROM} and {@code RCPT TO},
 * which may differ from the From, To and Cc headers (a Bcc recipient is only here). Every address
 * here is an envelope address; the header addresses are on {@link ReceivedMessage#from()},
 * {@link ReceivedMessage#to()} and {@link ReceivedMessage#cc()}.
 *
 * @param from the envelope sender ({@code MAIL FROM}, the reverse path), an empty string for the null sender {@code <>}
 * @param fromParameters MAIL FROM parameters as given (SIZE, BODY, SMTPUTF8, RET, ENVID, ...), keys upper case
 * @param recipients the accepted envelope recipients ({@code RCPT TO}) in the order given
 */
public record Envelope(String from, Map<String, String> fromParameters, List<Recipient> recipients) {
  public Envelope {
    fromParameters = Map.copyOf(fromParameters);
    recipients = List.copyOf(recipients);
  }

  /** An envelope recipient with its RCPT TO parameters (NOTIFY, ORCPT, ...), keys upper case. */
  public record Recipient(String address, Map<String, String> parameters) {
    public Recipient {
      parameters = Map.copyOf(parameters);
    }

    public static Recipient of(String address) {
      return new Recipient(address, Map.of());
    }
  }

  /** An envelope without parameters: a sender ({@code ""} for {@code <>}) and recipient addresses. */
  public static Envelope of(String from, List<String> recipients) {
    return new Envelope(from, Map.of(), recipients.stream().map(Recipient::of).toList());
  }

  /** The envelope recipients' addresses ({@code RCPT TO}), in order. */
  public List<String> recipientAddresses() {
    return recipients.stream().map(Recipient::address).toList();
  }
}
