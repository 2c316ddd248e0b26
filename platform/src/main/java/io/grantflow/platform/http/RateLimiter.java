package io.grantflow.platform.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets, one per caller, refilled continuously. Plain Java so that the arithmetic is
 * tested on its own; the caller count is bounded by dropping buckets that have refilled (idle
 * callers lose nothing by being forgotten).
 */
public final class RateLimiter {
    private final double perNano;
    private final double burst;
    private final int maxCallers;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int requestsPerSecond, int burst, int maxCallers) {
        this.perNano = requestsPerSecond / 1e9;
        this.burst = burst;
        this.maxCallers = maxCallers;
    }

    /** 0 when {@code caller} may go on; otherwise the whole seconds to wait before the next request. */
    public long acquire(String caller, long nowNanos) {
        if (buckets.size() >= maxCallers) {
            forgetFull(nowNanos);
            if (buckets.size() >= maxCallers) {
                buckets.clear(); // more active callers than remembered: start afresh rather than grow
            }
        }
        Bucket bucket = buckets.computeIfAbsent(caller, k -> new Bucket(burst, nowNanos));
        synchronized (bucket) {
            bucket.refill(nowNanos, perNano, burst);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9));
        }
    }

    private void forgetFull(long nowNanos) {
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                e.getValue().refill(nowNanos, perNano, burst);
                return e.getValue().tokens >= burst;
            }
        });
    }

    int callers() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        void refill(long now, double perNano, double burst) {
            if (now > at) {
                tokens = Math.min(burst, tokens + (now - at) * perNano);
                at = now;
            }
        }
    }
}
