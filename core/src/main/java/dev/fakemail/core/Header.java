package dev.fakemail.core;

/** One header field as it appears in the message, unfolded, in order. */
public record Header(String name, String value) {
  @Override
  public String toString() {
    return name + ": " + value;
  }
}
