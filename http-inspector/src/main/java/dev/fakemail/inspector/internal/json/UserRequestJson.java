package dev.fakemail.inspector.internal.json;

/** The body of {@code POST /api/v1/users}; {@code login} defaults to the address. */
public record UserRequestJson(String address, String password, String login) {
  /** Leaves the password out, so that no log or error message shows it. */
  @Override
  public String toString() {
    return "UserRequestJson[" + address + (login == null ? "" : ", login " + login) + "]";
  }
}
