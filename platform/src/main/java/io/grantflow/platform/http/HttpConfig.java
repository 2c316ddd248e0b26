package io.grantflow.platform.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The public HTTP edge of a service ({@code grantflow.http.*}). */
@ConfigMapping(prefix = "grantflow.http")
public interface HttpConfig {
    /**
     * The service's public base URL, e.g. {@code https://api.example.org/applications}: the
     * {@code Location} of created resources is built from it, never from the request's Host
     * header. Empty: {@code http://127.0.0.1:<port>}.
     */
    Optional<String> publicUrl();

    /**
     * The largest request body of every route but those a {@link LargeBody} names, answered 413
     * with a problem above it. Empty: {@code quarkus.http.limits.max-body-size}, which must then
     * be at least as large as every {@link LargeBody} (Quarkus refuses above it with an empty 413).
     */
    Optional<MemorySize> maxBodySize();

    /** Longest request line path and query, in characters; longer is 414. */
    @WithDefault("4096")
    int maxUriLength();

    /** Per-caller rate limit. */
    RateLimit rateLimit();

    /** A token bucket per caller (the token's subject, or the client address without one). */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second per caller. */
        @WithDefault("50")
        int requestsPerSecond();

        /** Requests a caller may send at once before the sustained rate applies. */
        @WithDefault("200")
        int burst();

        /** Callers remembered at most; idle ones are forgotten first. */
        @WithDefault("100000")
        int maxCallers();
    }
}
