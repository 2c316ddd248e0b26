package io.grantflow.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookUrlsTest {
    private static final Set<String> ALLOWED =
            Set.of("hooks.industry.example.gov.cn", "*.science.example.gov.cn", "127.0.0.1", "localhost");

    private static boolean ok(String url, boolean loopbackHttp) {
        return WebhookUrls.refusal(url, ALLOWED, loopbackHttp).isEmpty();
    }

    @Test
    void httpsOnAnAllowedHostIsAccepted() {
        assertThat(ok("https://hooks.industry.example.gov.cn/grantflow?x=1", false))
                .isTrue();
        assertThat(ok("https://HOOKS.industry.example.gov.cn:8443/in", false)).isTrue();
        assertThat(ok("https://a.science.example.gov.cn/in", false)).isTrue();
    }

    @Test
    void aHostOffTheListIsRefusedAndNamed() {
        assertThat(WebhookUrls.refusal("https://evil.example.com/in", ALLOWED, false))
                .hasValueSatisfying(b -> assertThat(b.en()).contains("evil.example.com"));
        // a suffix that only looks alike is no subdomain
        assertThat(ok("https://hooks.industry.example.gov.cn.evil.com/", false)).isFalse();
        assertThat(ok("https://evilscience.example.gov.cn/", false)).isFalse();
        assertThat(ok("https://science.example.gov.cn/", false)).isFalse();
    }

    @Test
    void plainHttpOnlyToLoopbackAndOnlyWhereAllowed() {
        assertThat(ok("http://hooks.industry.example.gov.cn/in", true)).isFalse();
        assertThat(ok("http://127.0.0.1:8080/in", true)).isTrue();
        assertThat(ok("http://localhost:8080/in", true)).isTrue();
        assertThat(ok("http://127.0.0.1:8080/in", false)).isFalse();
        assertThat(ok("ftp://hooks.industry.example.gov.cn/in", true)).isFalse();
    }

    @Test
    void malformedRelativeOrCredentialBearingUrlsAreRefused() {
        assertThat(ok(null, false)).isFalse();
        assertThat(ok(" ", false)).isFalse();
        assertThat(ok("hooks.industry.example.gov.cn/in", false)).isFalse();
        assertThat(ok("https://user:pw@hooks.industry.example.gov.cn/in", false))
                .isFalse();
        assertThat(ok("https://hooks.industry.example.gov.cn/in#frag", false)).isFalse();
        assertThat(ok("https://hooks.industry.example.gov.cn/a b", false)).isFalse();
        assertThat(ok("https://hooks.industry.example.gov.cn/" + "a".repeat(WebhookUrls.MAX_LENGTH), false))
                .isFalse();
    }
}
