package io.grantflow.applications.application.attachment;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of an application's attachments ({@code grantflow.attachments.*}). */
@ConfigMapping(prefix = "grantflow.attachments")
public interface AttachmentConfig {
    /**
     * The largest file, in bytes (MemorySize: {@code 20M} is 20 MiB). The upload route alone takes a
     * body this large plus {@link AttachmentUploadLimit#ENVELOPE} for the multipart envelope;
     * {@code quarkus.http.limits.max-body-size} must be at least that (checked at start).
     */
    @WithDefault("20M")
    MemorySize maxSize();

    /** Attachments one application may have at most. */
    @WithDefault("50")
    int maxPerApplication();
}
