package io.grantflow.notifications.domain;

import io.grantflow.platform.text.Bilingual;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a webhook may point: an absolute https URL without credentials or fragment, on a host of
 * the configured allow-list (an entry {@code *.example.gov.cn} allows its subdomains); plain http
 * only to the loopback host, and only where the configuration allows it (dev and test).
 */
public final class WebhookUrls {
    private WebhookUrls() {}

    public static final int MAX_LENGTH = 2048;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");

    /** Why the URL is refused, or empty when it may be used. */
    public static Optional<Bilingual> refusal(String url, Set<String> allowedHosts, boolean loopbackHttp) {
        if (url == null || url.isBlank()) {
            return Optional.of(Bilingual.of("必填", "required"));
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of(Bilingual.of("最多" + MAX_LENGTH + "个字符", "at most " + MAX_LENGTH + " characters"));
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(Bilingual.of("不是有效的网址", "not a valid URL"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host == null || uri.isOpaque()) {
            return Optional.of(Bilingual.of("须为含主机名的绝对网址", "must be an absolute URL with a host"));
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of(Bilingual.of("网址不得含用户信息或片段", "must carry no user info and no fragment"));
        }
        boolean loopback = LOOPBACK.contains(host);
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback && loopbackHttp)) {
            return Optional.of(Bilingual.of("须使用 https", "must use https"));
        }
        if (!allowed(host, allowedHosts)) {
            return Optional.of(
                    Bilingual.of("主机 " + host + " 不在允许的主机名单内", "host " + host + " is not on the allow-list of hosts"));
        }
        return Optional.empty();
    }

    static boolean allowed(String host, Set<String> allowedHosts) {
        for (String entry : allowedHosts) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.startsWith("*.") ? host.endsWith(e.substring(1)) : host.equals(e)) {
                return true;
            }
        }
        return false;
    }
}
