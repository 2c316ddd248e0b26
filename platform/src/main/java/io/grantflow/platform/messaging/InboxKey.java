package io.grantflow.platform.messaging;

/** A message one consumer has handled: (consumer, message id), the key of {@code processed_message}. */
public record InboxKey(String consumer, String messageId) {}
