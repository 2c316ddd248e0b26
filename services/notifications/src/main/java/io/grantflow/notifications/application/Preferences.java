package io.grantflow.notifications.application;

import io.grantflow.notifications.domain.Recipient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A recipient's preferences: by which channels it hears of an event type, and where its mail goes. */
@ApplicationScoped
public class Preferences {

    /** The channels of one event type for one recipient, and its address (null: none set). */
    public record Channels(boolean inbox, boolean email, boolean sse, String address) {
        public static final Channels ALL = new Channels(true, true, true, null);

        public boolean any() {
            return inbox || email || sse;
        }
    }

    public Uni<Channels> channels(Recipient recipient, String eventType) {
        return Uni.createFrom().item(Channels.ALL);
    }
}
