package io.grantflow.notifications.rest;

import io.grantflow.notifications.application.WebhookSubscriptions;
import io.grantflow.notifications.application.WebhookSubscriptions.Created;
import io.grantflow.notifications.application.WebhookSubscriptions.Delivery;
import io.grantflow.notifications.application.WebhookSubscriptions.DeliveryDetail;
import io.grantflow.notifications.application.WebhookSubscriptions.Rotated;
import io.grantflow.notifications.application.WebhookSubscriptions.Subscription;
import io.grantflow.notifications.domain.WebhookUrls;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.ProblemMappers;
import io.grantflow.platform.security.Caller;
import io.grantflow.platform.validation.CleanText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A partner agency's webhooks, through its system's client-credentials token (role reviewer or
 * finance, with its department): subscriptions, secrets, the delivery log and replays. Signed as
 * the Standard Webhooks specification says (ADR 0021).
 */
@Path("/webhooks/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks", description = "合作机构的 Webhook 订阅 / Partner agencies' webhooks")
public class WebhookResource {
    private static final String ROLES_NOTE = " 合作机构系统的客户端凭证令牌（角色 reviewer 或 finance，含部门）；只见本部门的订阅。 / "
            + "A partner agency system's client-credentials token (role reviewer or finance, with its department); "
            + "only its department's subscriptions.";

    private final WebhookSubscriptions subscriptions;
    private final Caller caller;
    private final Validator validator;

    public WebhookResource(WebhookSubscriptions subscriptions, Caller caller, Validator validator) {
        this.validator = validator;
        this.subscriptions = subscriptions;
        this.caller = caller;
    }

    /** A new subscription. */
    public record SubscriptionRequest(
            @NotBlank(message = "{grantflow.required}")
            @Size(max = WebhookUrls.MAX_LENGTH, message = "{grantflow.text.size}")
            @Schema(
                    description = "接收地址：https，主机须在允许名单内 / the receiver: https, on a host of the allow-list",
                    maxLength = WebhookUrls.MAX_LENGTH)
            String url,

            @NotNull(message = "{grantflow.required}")
            @Size(min = 1, max = 10, message = "{grantflow.event-types.size}")
            @Schema(description = "事件类型：application.status_changed / event types: application.status_changed")
            List<@NotBlank(message = "{grantflow.required}") @Size(max = 64, message = "{grantflow.text.size}") String>
                    eventTypes,

            @CleanText(max = 200) @Schema(description = "说明，可选 / a note, optional", maxLength = 200)
            String description) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.REVIEWER, Caller.FINANCE})
    @Operation(
            operationId = "createWebhookSubscription",
            summary = "Register a webhook; its secret is shown this once / 注册 Webhook（密钥仅显示这一次）",
            description = "本部门项目的申请每次状态变化，向该地址 POST 一个已签名的事件（webhook-id、webhook-timestamp、"
                    + "webhook-signature），失败时按退避重试至少24小时。 / Every status change of an application of the "
                    + "department's programmes is POSTed there, signed (webhook-id, webhook-timestamp, "
                    + "webhook-signature), and retried with back-off for at least 24 hours." + ROLES_NOTE)
    @APIResponse(
            responseCode = "201",
            description = "已注册，含密钥 / registered, with its secret",
            content = @Content(schema = @Schema(implementation = Created.class)))
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Response create(@NotNull(message = "{grantflow.required}") SubscriptionRequest request) throws SQLException {
        // validated here, so that the URL's and the event types' own checks join these in one answer
        List<FieldError> faults = ProblemMappers.fieldErrors(validator.validate(request));
        Created created = subscriptions.create(
                department(), client(), request.url(), request.eventTypes(), request.description(), faults);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @RolesAllowed({Caller.REVIEWER, Caller.FINANCE})
    @Operation(operationId = "listWebhookSubscriptions", summary = "The department's webhooks, paged / 本部门的订阅")
    @APIResponse(responseCode = "200", description = "一页订阅 / a page of subscriptions")
    public Page<Subscription> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset)
            throws SQLException {
        return subscriptions.list(department(), PageRequest.of(limit, offset));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.REVIEWER, Caller.FINANCE})
    @Operation(operationId = "getWebhookSubscription", summary = "One webhook / 一个订阅")
    @APIResponse(responseCode = "200", description = "该订阅，不含密钥 / the subscription, without its secret")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Subscription get(@PathParam("id") UUID id) throws SQLException {
        return subscriptions.get(department(), id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Caller.REVIEWER, Caller.FINANCE})
    @Operation(operationId = "deleteWebhookSubscription", summary = "Delete a webhook with its deliveries / 删除订阅及其投递记录")
    @APIResponse(responseCode = "204", description = "已删除 / deleted")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public void delete(@PathParam("id") UUID id) throws SQLException {
        subscriptions.delete(department(), id, client());
    }

    @POST
    @Path("/{id}/rotate-secret")
    @RolesAllowed({Caller.REVIEWER, Caller.FINANCE})
    @Operation(
            operationId = "rotateWebhookSecret",
            summary = "A new secret, shown this once; the old one signs beside it for a while / 更换密钥",
            description = "重叠期内每次投递带两个签名（以空格分隔），接收方可从容更换。 / During the overlap every delivery carries "
                    + "both signatures (space-separated), so the receiver can switch at its pace." + ROLES_NOTE)
    @APIResponse(responseCode = "200", description = "新密钥 / the new secret")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Rotated rotate(@PathParam("id") UUID id) throws SQLException {
        return subscriptions.rotate(department(), id, client());
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({Caller.REVIEWER, Caller.FINANCE})
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log, newest first, paged / 投递记录")
    @APIResponse(responseCode = "200", description = "一页投递 / a page of deliveries")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Page<Delivery> deliveries(
            @PathParam("id") UUID id, @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset)
            throws SQLException {
        return subscriptions.deliveries(department(), id, PageRequest.of(limit, offset));
    }

    @GET
    @Path("/{id}/deliveries/{deliveryId}")
    @RolesAllowed({Caller.REVIEWER, Caller.FINANCE})
    @Operation(operationId = "getWebhookDelivery", summary = "One delivery with its body and attempts / 一次投递及其各次尝试")
    @APIResponse(responseCode = "200", description = "该投递 / the delivery")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public DeliveryDetail delivery(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId)
            throws SQLException {
        return subscriptions.delivery(department(), id, deliveryId);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/replay")
    @RolesAllowed({Caller.REVIEWER, Caller.FINANCE})
    @Operation(
            operationId = "replayWebhookDelivery",
            summary = "Send a delivery again, same webhook-id and body / 重新投递",
            description = "同一 webhook-id 与正文，新的时间戳与签名，重新开始重试。 / The same webhook-id and body, a new "
                    + "timestamp and signature, retried afresh." + ROLES_NOTE)
    @APIResponse(
            responseCode = "202",
            description = "已排队重发 / queued to be sent again",
            content = @Content(schema = @Schema(implementation = Delivery.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Response replay(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) throws SQLException {
        Delivery delivery = subscriptions.replay(department(), id, deliveryId, client());
        return Response.accepted(delivery).build();
    }

    /** The agency's department; a person's token, or one without a department, is refused. */
    private String department() {
        client();
        return caller.department()
                .orElseThrow(() -> ProblemException.forbidden(
                        "NO_DEPARTMENT", "账号未绑定部门", "The account is not bound to a department (department claim)"));
    }

    /** Only a partner agency's system registers webhooks: a person's token is refused. */
    private String client() {
        return caller.clientId()
                .orElseThrow(() -> ProblemException.forbidden(
                        "NOT_AN_AGENCY_CLIENT",
                        "仅合作机构系统（客户端凭证令牌）可管理 Webhook",
                        "Only a partner agency's system (a client-credentials token) manages webhooks"));
    }
}
