package io.grantflow.notifications.domain;

import java.util.List;

/**
 * The event types a partner agency may subscribe to: a fixed list, so that a subscription never
 * names a type that will never come. Payments' own events join it with their issue.
 */
public final class WebhookEvents {
    private WebhookEvents() {}

    /** Every change of an application of the agency's department (silent ones included: the department knows them). */
    public static final String APPLICATION_STATUS_CHANGED = "application.status_changed";

    public static final List<String> TYPES = List.of(APPLICATION_STATUS_CHANGED);

    public static boolean known(String type) {
        return TYPES.contains(type);
    }
}
