package io.grantflow.notifications.rest;

import io.grantflow.notifications.application.Preferences;
import io.grantflow.notifications.application.Preferences.PreferenceList;
import io.grantflow.notifications.domain.NoticePreferences;
import io.grantflow.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's own notification preferences (ADR 0028): the recipient is the caller's inbox
 * (Inboxes), so each sees and changes its own only. A PUT replaces the whole list and is
 * idempotent as it stands, so it takes no Idempotency-Key (none of this service's endpoints do).
 */
@Path("/notification-preferences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notification-preferences", description = "通知偏好 / Notification preferences")
public class PreferencesResource {
    private static final String RULES = "事件类型随收件人类别而定（企业、部门、财政、市级审批）；渠道为 inbox 与 email，"
            + "站内消息（inbox）始终开启，只有邮件可关闭；Webhook 在订阅中按事件类型选择。 / The event types depend on the "
            + "kind of recipient (enterprise, department, finance, city approver); the channels are inbox and email; "
            + "the inbox is always on, only e-mail can be switched off; webhooks choose their event types on the "
            + "subscription.";

    private final Preferences preferences;
    private final Caller caller;

    public PreferencesResource(Preferences preferences, Caller caller) {
        this.preferences = preferences;
        this.caller = caller;
    }

    /** One event type's channels, as a request names them. */
    public record EventChannelsRequest(
            @Schema(description = "事件类型，见 GET 的列表 / an event type, as GET lists them", maxLength = 100)
            String eventType,

            @Schema(description = "渠道：inbox（必含）、email / channels: inbox (required), email", maxItems = 2)
            List<String> channels) {}

    /** A replacement of the caller's preferences: the event types not named get every channel. */
    public record PreferencesRequest(
            @Schema(
                    description = "每个事件类型至多一项 / at most one entry per event type",
                    maxItems = NoticePreferences.MAX_ENTRIES)
            List<EventChannelsRequest> preferences) {}

    @GET
    @RolesAllowed({Caller.ENTERPRISE, Caller.REVIEWER, Caller.FINANCE, Caller.CITY_APPROVER})
    @Operation(
            operationId = "getMyNotificationPreferences",
            summary = "My notification preferences: every event type I can receive, with its channels / 我的通知偏好",
            description = RULES)
    @APIResponse(responseCode = "200", description = "全部事件类型及其渠道 / every event type with its channels")
    public Uni<PreferenceList> get() {
        return preferences.get(Inboxes.of(caller));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.ENTERPRISE, Caller.REVIEWER, Caller.FINANCE, Caller.CITY_APPROVER})
    @Operation(
            operationId = "replaceMyNotificationPreferences",
            summary = "Replace my notification preferences / 替换我的通知偏好",
            description = RULES + " 未知的事件类型或渠道、缺少 inbox 均返回 400，并指明字段。 / An unknown event type or channel, "
                    + "or channels without inbox, is a 400 naming the field.")
    @APIResponse(responseCode = "200", description = "替换后的全部偏好 / the preferences as they now are")
    public Uni<PreferenceList> replace(@NotNull(message = "{grantflow.required}") PreferencesRequest request) {
        List<NoticePreferences.EventChannels> entries = request.preferences() == null
                ? null
                : request.preferences().stream()
                        .map(e -> e == null ? null : new NoticePreferences.EventChannels(e.eventType(), e.channels()))
                        .toList();
        return preferences.replace(Inboxes.of(caller), entries, caller.name());
    }
}
