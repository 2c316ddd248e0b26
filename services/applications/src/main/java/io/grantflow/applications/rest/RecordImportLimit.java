package io.grantflow.applications.rest;

import io.grantflow.platform.http.LargeBody;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code POST /record-imports} takes up to 8 MiB, more than the edge's 1 MB: an import of
 * 10,000 records (ADR 0020) is a few MB of JSON or CSV.
 */
@ApplicationScoped
public class RecordImportLimit implements LargeBody {
    public static final long MAX_BYTES = 8L * 1024 * 1024;

    @Override
    public boolean matches(String method, String path) {
        return "POST".equals(method) && ("/record-imports".equals(path) || "/record-imports/".equals(path));
    }

    @Override
    public long maxBytes() {
        return MAX_BYTES;
    }

    @Override
    public long shownBytes() {
        return MAX_BYTES;
    }
}
