package io.grantflow.platform.http;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Absolute URLs of this service's resources, from configuration: a {@code Location} header
 * built from the request's Host header would send a client wherever the caller pointed it.
 */
@ApplicationScoped
public class PublicUrls {
    private final String base;

    public PublicUrls(HttpConfig config, @ConfigProperty(name = "quarkus.http.port") int port) {
        String configured = config.publicUrl().orElse("http://127.0.0.1:" + port);
        this.base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    /** {@code base + path}; {@code path} starts with a slash. */
    public URI of(String path) {
        return URI.create(base + path);
    }
}
