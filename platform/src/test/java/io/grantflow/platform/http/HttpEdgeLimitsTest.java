package io.grantflow.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.platform.rest.Problems;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A larger body on one route needs the HTTP layer's bound to let it through; refusals name the route's size. */
class HttpEdgeLimitsTest {
    private static LargeBody upload(long bytes) {
        return new LargeBody() {
            @Override
            public boolean matches(String method, String path) {
                return "POST".equals(method) && path.endsWith("/attachments");
            }

            @Override
            public long maxBytes() {
                return bytes;
            }
        };
    }

    @Test
    void theHttpLayersBoundMustBeAtLeastEveryRoutesOwn() {
        long mb = 1024 * 1024;
        assertThatCode(() -> HttpEdge.check(mb, 21 * mb, List.of(upload(20 * mb + 65536))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> HttpEdge.check(mb, 20 * mb, List.of(upload(20 * mb + 65536))))
                .hasMessageContaining("quarkus.http.limits.max-body-size");
        assertThatThrownBy(() -> HttpEdge.check(2 * mb, mb, List.of()))
                .hasMessageContaining("grantflow.http.max-body-size");
    }

    @Test
    void aTooLargeBodyIsToldTheLimitOfItsRoute() {
        assertThat(Problems.tooLarge().toProblem("/x").detail())
                .isEqualTo("请求体不得超过1 MB / The request body must not exceed 1 MB");
        assertThat(Problems.tooLarge(20L * 1024 * 1024).toProblem("/x").detail())
                .isEqualTo("请求体不得超过20 MB / The request body must not exceed 20 MB");
        assertThat(Problems.size(1536)).isEqualTo("1536 bytes");
        assertThat(Problems.size(2048)).isEqualTo("2 KB");
        assertThat(Problems.size(1000)).isEqualTo("1000 bytes");
    }
}
