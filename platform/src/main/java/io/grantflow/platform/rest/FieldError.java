package io.grantflow.platform.rest;

/** One rejected field of a request: its JSON path, a code and the message in Chinese and English. */
public record FieldError(String field, String code, String messageZh, String messageEn) {
}
