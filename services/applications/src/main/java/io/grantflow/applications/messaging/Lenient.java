package io.grantflow.applications.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The service refuses unknown members in request bodies (a field a caller may not set is named,
 * not ignored); events are read leniently instead, so that a producer may add an optional member
 * before every consumer knows it (the schemas are checked where the events are made).
 */
final class Lenient {
    private Lenient() {}

    static ObjectMapper of(ObjectMapper json) {
        return json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
