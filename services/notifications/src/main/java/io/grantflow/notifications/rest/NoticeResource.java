package io.grantflow.notifications.rest;

import io.grantflow.notifications.application.InboxQueries;
import io.grantflow.notifications.application.InboxQueries.NoticeRecord;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An enterprise's inbox of notices. */
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
    @RolesAllowed("enterprise")
    @Operation(
            operationId = "listMyNotices",
            summary = "My notices, newest first (one application's in order), paged / 我的消息")
    @APIResponse(responseCode = "200", description = "一页消息 / a page of notices")
    public Uni<Page<NoticeRecord>> mine(
            @QueryParam("applicationId") UUID applicationId,
            @QueryParam("unread") @DefaultValue("false") boolean unread,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        return inbox.notices(recipient(), applicationId, unread, PageRequest.of(limit, offset));
    }

    @POST
    @Path("/{id}/read")
    @RolesAllowed("enterprise")
    @Operation(operationId = "markNoticeRead", summary = "Mark a notice read / 标记已读")
    @APIResponse(responseCode = "200", description = "该消息，已读 / the notice, now read")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<NoticeRecord> read(@PathParam("id") UUID id) {
        return inbox.markRead(recipient(), id);
    }

    private String recipient() {
        return caller.enterpriseId()
                .orElseThrow(() -> ProblemException.forbidden(
                        "NO_ENTERPRISE", "账号未绑定企业", "The account is not bound to an enterprise (enterprise_id claim)"));
    }
}
