package io.grantflow.platform.http;

import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public port's edge, before and around the REST resources: security headers on every
 * answer, a bound on the request line, and problem documents (RFC 9457, Chinese and English) for
 * the answers the HTTP layer gives itself (401, 403, 413, 414) instead of an empty body; a
 * chunked body (no Content-Length) is refused with 411, so that no 413 goes out empty.
 *
 * <p>Every body is bounded by {@code grantflow.http.max-body-size} (1 MB in every service),
 * except on the routes a {@link LargeBody} bean names (an upload), which take up to their own
 * bound; {@code quarkus.http.limits.max-body-size}, the HTTP layer's bound for every route, must
 * then be at least the largest of those, and the service does not start otherwise.
 */
@ApplicationScoped
public class HttpEdge {
    private final HttpConfig config;
    private final long maxBodyBytes;
    private final long httpLayerBytes;
    private final List<LargeBody> largeBodies;

    public HttpEdge(
            HttpConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBody,
            Instance<LargeBody> largeBodies) {
        this.config = config;
        this.httpLayerBytes = maxBody.asLongValue();
        this.maxBodyBytes = config.maxBodySize().map(MemorySize::asLongValue).orElse(httpLayerBytes);
        this.largeBodies = largeBodies.stream().toList();
    }

    void routes(@Observes Router router) {
        check(maxBodyBytes, httpLayerBytes, largeBodies);
        router.route().order(Integer.MIN_VALUE).handler(this::edge);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
        // after Quarkus's own bound (order -2), which puts its limit on a body without Content-Length (HTTP/2):
        // this route's own limit replaces it
        router.route().order(-1).handler(this::streamedLimit);
    }

    /** The HTTP layer must let every route's body through to the edge, which then bounds each. */
    static void check(long defaultBytes, long httpLayerBytes, List<LargeBody> largeBodies) {
        if (defaultBytes > httpLayerBytes) {
            throw new IllegalStateException("grantflow.http.max-body-size (" + defaultBytes
                    + " bytes) is larger than quarkus.http.limits.max-body-size (" + httpLayerBytes + " bytes)");
        }
        for (LargeBody large : largeBodies) {
            if (large.maxBytes() > httpLayerBytes) {
                throw new IllegalStateException(large.getClass().getSimpleName() + " takes bodies of up to "
                        + large.maxBytes() + " bytes, more than quarkus.http.limits.max-body-size ("
                        + httpLayerBytes + " bytes): raise the latter");
            }
        }
    }

    /** The largest body of this request's route, and the size a refusal names. */
    private LargeBody limitOf(RoutingContext ctx) {
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        for (LargeBody large : largeBodies) {
            if (path != null && large.matches(method, path)) {
                return large;
            }
        }
        return null;
    }

    private long maxBytes(LargeBody large) {
        return large == null ? maxBodyBytes : large.maxBytes();
    }

    private long shownBytes(LargeBody large) {
        return large == null ? maxBodyBytes : large.shownBytes();
    }

    private void streamedLimit(RoutingContext ctx) {
        if (ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            ctx.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, maxBytes(limitOf(ctx)));
        }
        ctx.next();
    }

    private void edge(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.headers()
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY")
                .set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .set(HttpHeaders.CACHE_CONTROL, "no-store");
        if (ctx.request().uri().length() > config.maxUriLength()) {
            send(
                    ctx,
                    new ProblemException(
                            414,
                            "URI_TOO_LONG",
                            "请求地址过长",
                            "URI too long",
                            "请求地址不得超过" + config.maxUriLength() + "个字符",
                            "The request line must not exceed " + config.maxUriLength() + " characters",
                            null));
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            // a chunked body's size shows only while it is read, where the HTTP layer answers 413
            // with an empty body; every client of this API can send Content-Length instead
            response.headers().set(HttpHeaders.CONNECTION, "close");
            send(ctx, Problems.lengthRequired());
            return;
        }
        if (length != null) {
            LargeBody large = limitOf(ctx);
            if (tooLong(length, maxBytes(large))) {
                // answered here, before Quarkus's own check would answer 413 with an empty body
                response.headers().set(HttpHeaders.CONNECTION, "close");
                send(ctx, Problems.tooLarge(shownBytes(large)));
                return;
            }
        }
        ctx.next();
    }

    private static boolean tooLong(String contentLength, long maxBytes) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec refuses a malformed length itself
        }
    }

    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = ctx.statusCode();
        if (failure instanceof AuthenticationFailedException
                || failure instanceof UnauthorizedException
                || status == 401) {
            ctx.response().headers().set("WWW-Authenticate", "Bearer");
            send(ctx, Problems.unauthorized());
        } else if (failure instanceof ForbiddenException || status == 403) {
            send(ctx, Problems.forbiddenRole());
        } else if (status == 413) {
            send(ctx, Problems.tooLarge(shownBytes(limitOf(ctx))));
        } else {
            ctx.next();
        }
    }

    private static void send(RoutingContext ctx, ProblemException problem) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(Problems.json(problem, ctx.request().path()));
    }
}
