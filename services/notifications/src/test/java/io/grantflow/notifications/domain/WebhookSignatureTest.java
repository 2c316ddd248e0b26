package io.grantflow.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    // The worked example published with the Standard Webhooks specification (and Svix's docs).
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsTheSpecificationsExampleAsItSays() {
        assertThat(WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isEqualTo(SPEC_SIGNATURE);
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE))
                .isTrue();
    }

    @Test
    void anyChangeOfIdTimestampOrBodyBreaksTheSignature() {
        assertThat(WebhookSignature.verify(SPEC_SECRET, "msg_other", SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE))
                .isFalse();
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY, SPEC_SIGNATURE))
                .isFalse();
        assertThat(WebhookSignature.verify(
                        SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, "{\"test\":2432232314}", SPEC_SIGNATURE))
                .isFalse();
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, null))
                .isFalse();
    }

    @Test
    void duringARotationBothSecretsSignAndEitherVerifies() {
        String next = WebhookSignature.newSecret(new SecureRandom());
        String header = WebhookSignature.header(List.of(next, SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);
        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(header).endsWith(" " + SPEC_SIGNATURE);
        assertThat(WebhookSignature.verify(next, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, header))
                .isTrue();
        assertThat(WebhookSignature.verify(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, header))
                .isTrue();
        String stranger = WebhookSignature.newSecret(new SecureRandom());
        assertThat(WebhookSignature.verify(stranger, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, header))
                .isFalse();
    }

    @Test
    void aNewSecretIsWhsecAndThirtyTwoRandomBytes() {
        SecureRandom random = new SecureRandom();
        String a = WebhookSignature.newSecret(random);
        String b = WebhookSignature.newSecret(random);
        assertThat(a).startsWith("whsec_").isNotEqualTo(b);
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
    }

    @Test
    void aSecretWithoutItsPrefixIsRefused() {
        assertThatThrownBy(() -> WebhookSignature.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", SPEC_ID, 1, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSignature.header(List.of(), SPEC_ID, 1, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
