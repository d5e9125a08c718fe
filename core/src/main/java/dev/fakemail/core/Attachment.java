package dev.fakemail.core;

import java.nio.charset.Charset;

/**
 * A part of a message that is not its text or html body: a file attached or an inline image.
 *
 * @param filename the decoded file name (RFC 2231 / RFC 2047), or an empty string
 * @param contentType the MIME type without parameters, lower case ({@code application/pdf})
 * @param contentId the Content-ID without angle brackets, or an empty string
 * @param inline true when the part's disposition is inline
 */
public record Attachment(String filename, String contentType, String contentId, boolean inline, byte[] content) {
  public Attachment {
    filename = filename == null ? "" : filename;
    contentId = contentId == null ? "" : contentId;
    content = content.clone();
  }

  /** A copy of the decoded bytes. */
  @Override
  public byte[] content() {
    return content.clone();
  }

  public int size() {
    return content.length;
  }

  /** The content decoded as text in the given charset. */
  public String contentAsString(Charset charset) {
    return new String(content, charset);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attachment a && a.filename.equals(filename) && a.contentType.equals(contentType)
        && a.contentId.equals(contentId) && a.inline == inline && java.util.Arrays.equals(a.content, content);
  }

  @Override
  public int hashCode() {
    return filename.hashCode() * 31 + java.util.Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "Attachment[" + filename + ", " + contentType + ", " + content.length + " bytes]";
  }
}
