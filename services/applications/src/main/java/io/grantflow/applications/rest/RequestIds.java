package io.grantflow.applications.rest;

import io.grantflow.platform.rest.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id an audit entry correlates with: the caller's {@code X-Request-Id} (a gateway's
 * or the agency's own), else one made up here. A malformed one is refused (400 naming the
 * header), never silently replaced.
 */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {}

    static String of(HttpHeaders headers) {
        String value = headers == null ? null : headers.getHeaderString(HEADER);
        if (value == null || value.isEmpty()) {
            return UUID.randomUUID().toString();
        }
        if (!ID.matcher(value).matches()) {
            throw ProblemException.invalidField(
                    HEADER,
                    "INVALID_HEADER",
                    "请求编号须为1到128个字母、数字或 . _ : - 字符",
                    "a request id is 1 to 128 letters, digits or . _ : - characters");
        }
        return value;
    }
}
