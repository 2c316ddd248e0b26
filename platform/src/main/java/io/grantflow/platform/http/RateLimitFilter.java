package io.grantflow.platform.http;

import io.grantflow.platform.rest.Problems;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A rate limit per caller on every REST endpoint: the token's subject, or the client's address
 * for a request without one. Over the limit, 429 with {@code Retry-After} and a problem document.
 */
@ApplicationScoped
public class RateLimitFilter {
    private final HttpConfig.RateLimit config;
    private final RateLimiter limiter;

    public RateLimitFilter(HttpConfig config) {
        this.config = config.rateLimit();
        this.limiter = new RateLimiter(this.config.requestsPerSecond(), this.config.burst(), this.config.maxCallers());
    }

    @ServerRequestFilter
    public void limit(RoutingContext ctx) {
        if (!config.enabled()) {
            return;
        }
        long wait = limiter.acquire(caller(ctx), System.nanoTime());
        if (wait > 0) {
            throw Problems.tooManyRequests(wait);
        }
    }

    private static String caller(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous()) {
                return "sub:" + identity.getPrincipal().getName();
            }
        }
        return "ip:"
                + (ctx.request().remoteAddress() == null
                        ? "unknown"
                        : ctx.request().remoteAddress().hostAddress());
    }
}
