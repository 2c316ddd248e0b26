package io.grantflow.notifications.rest;

import io.grantflow.notifications.application.InboxQueries;
import io.grantflow.notifications.application.InboxQueries.Marked;
import io.grantflow.notifications.application.InboxQueries.NoticeRecord;
import io.grantflow.notifications.application.InboxQueries.UnreadCount;
import io.grantflow.notifications.domain.NoticeEvents;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.QueryParams;
import io.grantflow.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The inbox of notices of every recipient: an enterprise's, a reviewing department's, finance's
 * and the city approver's (Inboxes); each caller sees its own only.
 */
@Path("/notices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notices", description = "消息中心 / Inbox")
public class NoticeResource {
    private final InboxQueries inbox;
    private final Caller caller;

    public NoticeResource(InboxQueries inbox, Caller caller) {
        this.inbox = inbox;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.ENTERPRISE, Caller.REVIEWER, Caller.FINANCE, Caller.CITY_APPROVER})
    @Operation(
            operationId = "listMyNotices",
            summary = "My notices, newest first (one application's in order), paged and filtered / 我的消息")
    @APIResponse(responseCode = "200", description = "一页消息 / a page of notices")
    public Uni<Page<NoticeRecord>> mine(
            @QueryParam("applicationId") UUID applicationId,
            @QueryParam("unread") @DefaultValue("false") boolean unread,
            @QueryParam("eventType")
                    @Parameter(
                            description = "事件类型 / event type",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {
                                                NoticeEvents.APPLICATION_STATUS_CHANGED,
                                                NoticeEvents.PAYMENT_COMPLETED,
                                                NoticeEvents.PAYMENT_FAILED,
                                                NoticeEvents.RESERVATION_REFUSED,
                                                NoticeEvents.FUNDS_REVERSED,
                                                NoticeEvents.RECOVERY_RECORDED
                                            }))
                    String eventType,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        String type = QueryParams.oneOf("eventType", eventType, NoticeEvents.TYPES);
        return inbox.notices(
                Inboxes.of(caller),
                new InboxQueries.Filter(applicationId, unread, type),
                PageRequest.of(limit, offset));
    }

    @GET
    @Path("/unread-count")
    @RolesAllowed({Caller.ENTERPRISE, Caller.REVIEWER, Caller.FINANCE, Caller.CITY_APPROVER})
    @Operation(operationId = "countUnreadNotices", summary = "How many of my notices are unread / 未读消息数")
    @APIResponse(responseCode = "200", description = "未读数 / the unread count")
    public Uni<UnreadCount> unreadCount() {
        return inbox.unread(Inboxes.of(caller));
    }

    @POST
    @Path("/{id}/read")
    @RolesAllowed({Caller.ENTERPRISE, Caller.REVIEWER, Caller.FINANCE, Caller.CITY_APPROVER})
    @Operation(operationId = "markNoticeRead", summary = "Mark a notice read / 标记已读")
    @APIResponse(responseCode = "200", description = "该消息，已读 / the notice, now read")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<NoticeRecord> read(@PathParam("id") UUID id) {
        return inbox.markRead(Inboxes.of(caller), id);
    }

    @POST
    @Path("/read-all")
    @RolesAllowed({Caller.ENTERPRISE, Caller.REVIEWER, Caller.FINANCE, Caller.CITY_APPROVER})
    @Operation(
            operationId = "markAllNoticesRead",
            summary = "Mark all my unread notices read (one application's, if named) / 全部标记已读")
    @APIResponse(responseCode = "200", description = "标记的条数 / how many were marked")
    public Uni<Marked> readAll(@QueryParam("applicationId") UUID applicationId) {
        return inbox.markAllRead(Inboxes.of(caller), applicationId);
    }
}
