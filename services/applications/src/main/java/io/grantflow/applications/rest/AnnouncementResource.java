package io.grantflow.applications.rest;

import io.grantflow.applications.application.AnnouncementQueries;
import io.grantflow.applications.application.AnnouncementQueries.Announced;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * 公示: what is in public announcement, for anyone, without a token. An objection to one of them
 * is {@code POST /applications/{id}/objections}, with a token.
 */
@Path("/announcements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "announcement", description = "公示 / Public announcement")
public class AnnouncementResource {
    private final AnnouncementQueries queries;

    public AnnouncementResource(AnnouncementQueries queries) {
        this.queries = queries;
    }

    @GET
    @PermitAll
    @Operation(
            operationId = "listAnnouncements",
            summary = "Awards in public announcement / 拟支持项目公示",
            description = "无需登录。每项列出企业名称、统一社会信用代码、项目、拟支持金额与公示期；不含申报材料与个人信息。有异议的标明"
                    + "暂缓。 / No token needed. Each shows the enterprise's name and credit code, the programme, the "
                    + "proposed amount and the period; nothing of the file, no personal data. One with an objection "
                    + "open is marked held.")
    @APIResponse(responseCode = "200", description = "一页公示 / a page of announcements")
    public Uni<Page<Announced>> list(
            @QueryParam("programme") String programme,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        if (programme != null && !programme.matches(Vocabulary.PROGRAMME_PATTERN)) {
            throw ProblemException.invalidField(
                    "programme", "INVALID_PARAMETER", "项目代码格式错误", "malformed programme code");
        }
        return queries.list(programme, PageRequest.of(limit, offset));
    }
}
