package io.grantflow.applications.domain.procedure;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One correction notice (一次性告知): every item to correct, numbered from 1 per application, so
 * that a resubmission names the notice it answers and an answer to an older one is refused.
 */
public record CorrectionNotice(int number, List<CorrectionItem> items, String requestedBy, Instant requestedAt) {
    public CorrectionNotice {
        items = List.copyOf(items);
    }

    /** The fields the notice names, in its order. */
    public Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        items.forEach(i -> fields.add(i.field()));
        return fields;
    }
}
