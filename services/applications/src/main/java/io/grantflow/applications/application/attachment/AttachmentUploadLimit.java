package io.grantflow.applications.application.attachment;

import io.grantflow.platform.http.LargeBody;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * The one route that takes more than the edge's 1 MB: {@code POST /applications/{id}/attachments},
 * up to the largest file plus its multipart envelope.
 */
@ApplicationScoped
public class AttachmentUploadLimit implements LargeBody {
    /** Room for the multipart boundaries, part headers and the {@code type} field around the file. */
    public static final long ENVELOPE = 64 * 1024;

    private static final Pattern PATH = Pattern.compile("^/applications/[^/]{1,64}/attachments/?$");

    private final AttachmentConfig config;

    public AttachmentUploadLimit(AttachmentConfig config) {
        this.config = config;
    }

    @Override
    public boolean matches(String method, String path) {
        return "POST".equals(method) && PATH.matcher(path).matches();
    }

    @Override
    public long maxBytes() {
        return config.maxSize().asLongValue() + ENVELOPE;
    }

    @Override
    public long shownBytes() {
        return config.maxSize().asLongValue();
    }
}
