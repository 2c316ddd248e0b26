package io.grantflow.applications.persistence;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.grantflow.applications.domain.procedure.Procedure;

/**
 * The procedure's snapshot as the JSON of column {@code application.procedure}. The domain's
 * records are written field by field (no getter-like method is mistaken for a field) and read
 * back through their canonical constructors, so that each record's own checks run again on load.
 */
public final class ProcedureJson {
    private final ObjectMapper mapper;

    public ProcedureJson(ObjectMapper base) {
        this.mapper = base.copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
                // a duration as ISO text (PT3M), readable in the column
                .configure(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS, false)
                .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true)
                // a snapshot written by a later version may know more; what this one knows still reads
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public String write(Procedure.Snapshot snapshot) {
        try {
            return mapper.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("procedure " + snapshot.id() + " cannot be written", e);
        }
    }

    public Procedure.Snapshot read(String text) {
        try {
            return mapper.readValue(text, Procedure.Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored procedure cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
