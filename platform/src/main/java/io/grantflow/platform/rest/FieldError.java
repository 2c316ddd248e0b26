package io.grantflow.platform.rest;

import io.grantflow.platform.text.Bilingual;

/** One rejected field of a request: its JSON path, a code and the message in Chinese and English. */
public record FieldError(String field, String code, String messageZh, String messageEn) {
    public FieldError(String field, String code, Bilingual message) {
        this(field, code, message.zh(), message.en());
    }
}
