package io.grantflow.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MailIdentityTest {
    private static final Recipient ALPHA = Recipient.enterprise("91320214AY4CL12T29");

    @Test
    void theSameEventRecipientAndChannelGiveTheSameId() {
        String id = MailIdentity.messageId("event-1", ALPHA, "email");
        assertThat(MailIdentity.messageId("event-1", ALPHA, "email")).isEqualTo(id);
        assertThat(id).matches("<[0-9a-f]{40}\\.email@notifications\\.grantflow>");
        // the id names neither the enterprise nor the event
        assertThat(id).doesNotContain(ALPHA.id()).doesNotContain("event-1");
    }

    @Test
    void anyOtherPartGivesAnotherId() {
        String id = MailIdentity.messageId("event-1", ALPHA, "email");
        assertThat(MailIdentity.messageId("event-2", ALPHA, "email")).isNotEqualTo(id);
        assertThat(MailIdentity.messageId("event-1", Recipient.enterprise("913202117BYC46N175"), "email"))
                .isNotEqualTo(id);
        assertThat(MailIdentity.messageId("event-1", Recipient.department(ALPHA.id()), "email"))
                .isNotEqualTo(id);
        assertThat(MailIdentity.messageId("event-1", ALPHA, "sms")).isNotEqualTo(id);
    }

    @Test
    void anEventIsRequired() {
        assertThatThrownBy(() -> MailIdentity.messageId(" ", ALPHA, "email"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
