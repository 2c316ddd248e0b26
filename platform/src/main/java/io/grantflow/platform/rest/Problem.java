package io.grantflow.platform.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details. {@code title} and {@code detail} are bilingual ("中文 / English");
 * {@code code} is the stable machine code and {@code errors} names each rejected field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type, String title, int status, String detail, String instance, String code, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
