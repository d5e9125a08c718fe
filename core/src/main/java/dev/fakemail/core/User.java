package dev.fakemail.core;

/**
 * A mailbox user: the address mail is delivered to, the password used to log in (SMTP AUTH, POP3,
 * IMAP), and the login name, which defaults to the address. Its password stays out of {@link
 * #toString()}. Declaring at least one user makes the server strict: only declared users log in and
 * only their addresses receive mail.
 */
public record User(String address, String password, String login) {
  public User {
    if (address == null || !address.contains("@")) {
      throw new IllegalArgumentException("a user's address must be local@domain, got '" + address + "'");
    }
    if (password == null) {
      throw new IllegalArgumentException("a user needs a password");
    }
    login = login == null || login.isBlank() ? address : login;
  }

  /** Parses {@code address:password} or {@code address:password:login}. */
  public static User parse(String spec) {
    int colon = spec.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("expected address:password (optionally :login), got '" + spec + "'");
    }
    String address = spec.substring(0, colon).trim();
    String rest = spec.substring(colon + 1);
    int second = rest.lastIndexOf(':');
    if (second >= 0 && rest.substring(second + 1).contains("@")) {
      return new User(address, rest.substring(0, second), rest.substring(second + 1).trim());
    }
    return new User(address, rest, null);
  }

  @Override
  public String toString() {
    return "User[" + address + (login.equals(address) ? "" : ", login " + login) + "]";
  }
}
