package io.grantflow.platform.http;

/**
 * A route that takes a larger body than the edge's default ({@code grantflow.http.max-body-size}),
 * e.g. a file upload. A service declares it as a CDI bean; {@link HttpEdge} then lets that route
 * alone take up to {@link #maxBytes()}, and {@code quarkus.http.limits.max-body-size} (the HTTP
 * layer's own bound for every route) must be at least that large, or the service refuses to start.
 */
public interface LargeBody {
    /** Whether the request {@code method} (upper case) on {@code path} (without the query) is this route. */
    boolean matches(String method, String path);

    /** The largest body this route takes, in bytes, envelope included (multipart boundaries and headers). */
    long maxBytes();

    /** The largest content the route accepts, as told in a 413's detail (e.g. the file size without the envelope). */
    default long shownBytes() {
        return maxBytes();
    }
}
