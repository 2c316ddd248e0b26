package io.grantflow.notifications.rest;

import io.grantflow.notifications.application.MailSender;
import io.grantflow.notifications.application.WebhookSender;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.security.Caller;
import io.grantflow.platform.worker.RowWorker;
import io.grantflow.platform.worker.RowWorkers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators see what the row workers (mail, webhooks) have parked and send a row again. */
@Path("/workers/{worker}/parked")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "workers", description = "后台任务停放的记录 / Rows parked by the workers")
public class ParkedWorkResource {
    private final RowWorkers workers;
    private final Caller caller;

    public ParkedWorkResource(MailSender mail, WebhookSender webhooks, Caller caller) {
        this.workers = new RowWorkers(mail.worker(), webhooks.worker());
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
    @Operation(operationId = "listParkedWork", summary = "Rows a worker has parked / 已停放的记录")
    @APIResponse(responseCode = "200", description = "一页停放的记录，先停放者在前 / a page of parked rows, oldest first")
    public RowWorker.ParkedPage list(
            @Parameter(
                            description = "mail 或 webhooks / mail or webhooks",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"mail", "webhooks"}))
                    @PathParam("worker")
                    String worker,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset)
            throws SQLException {
        PageRequest page = PageRequest.of(limit, offset);
        return workers.parked(worker, page.limit(), page.offset());
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
    @Operation(
            operationId = "retryParkedWork",
            summary = "Unpark a row: tried again now, with a fresh retry window / 解除停放并重试")
    @APIResponse(responseCode = "204", description = "已解除停放 / unparked")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public void retry(
            @Parameter(
                            description = "mail 或 webhooks / mail or webhooks",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"mail", "webhooks"}))
                    @PathParam("worker")
                    String worker,
            @PathParam("id") UUID id)
            throws SQLException {
        workers.unpark(worker, id, caller.name());
    }
}
