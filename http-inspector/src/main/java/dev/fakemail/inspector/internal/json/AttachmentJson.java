package dev.fakemail.inspector.internal.json;

/** An attachment's description; its bytes are at {@code /api/v1/messages/{id}/attachments/{index}}. */
public record AttachmentJson(int index, String filename, String contentType, int size, String contentId,
                             boolean inline) {}
