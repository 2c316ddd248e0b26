package io.grantflow.notifications.rest;

import io.grantflow.notifications.persistence.NoticeEntity;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** An enterprise's inbox of notices. */
@Path("/notices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notices", description = "消息中心 / Inbox")
public class NoticeResource {
    private final Caller caller;

    public NoticeResource(Caller caller) {
        this.caller = caller;
    }

    /** A notice. */
    public record NoticeView(UUID id, UUID applicationId, String status, String titleZh, String titleEn,
                             String bodyZh, String bodyEn, OffsetDateTime createdAt, OffsetDateTime readAt) {
        static NoticeView of(NoticeEntity n) {
            return new NoticeView(n.id, n.applicationId, n.status, n.titleZh, n.titleEn, n.bodyZh, n.bodyEn,
                    n.createdAt, n.readAt);
        }
    }

    @GET
    @WithSession
    @RolesAllowed("enterprise")
    @Operation(summary = "My notices, newest first / 我的消息")
    public Uni<List<NoticeView>> mine(@QueryParam("applicationId") UUID applicationId) {
        String recipient = recipient();
        Uni<List<NoticeEntity>> rows = applicationId == null
                ? NoticeEntity.<NoticeEntity>find("recipientId", Sort.descending("createdAt"), recipient).page(0, 200).list()
                : NoticeEntity.<NoticeEntity>list("recipientId = ?1 and applicationId = ?2",
                Sort.ascending("createdAt"), recipient, applicationId);
        return rows.map(list -> list.stream().map(NoticeView::of).toList());
    }

    @POST
    @Path("/{id}/read")
    @WithTransaction
    @RolesAllowed("enterprise")
    @Operation(summary = "Mark a notice read / 标记已读")
    public Uni<NoticeView> read(@PathParam("id") UUID id) {
        String recipient = recipient();
        return NoticeEntity.<NoticeEntity>findById(id).map(n -> {
            if (n == null || !n.recipientId.equals(recipient)) {
                throw ProblemException.notFound("消息 / notice", id.toString());
            }
            if (n.readAt == null) {
                n.readAt = OffsetDateTime.now(ZoneOffset.UTC);
            }
            return NoticeView.of(n);
        });
    }

    private String recipient() {
        return caller.enterpriseId().orElseThrow(() -> ProblemException.forbidden("NO_ENTERPRISE",
                "账号未绑定企业", "The account is not bound to an enterprise (enterprise_id claim)"));
    }
}
