package io.grantflow.applications.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.offer.RecordImportQueries;
import io.grantflow.applications.application.offer.RecordImportQueries.ImportSummary;
import io.grantflow.applications.application.offer.RecordImports;
import io.grantflow.applications.application.offer.RecordImports.ImportedRecord;
import io.grantflow.applications.application.procedure.Idempotency;
import io.grantflow.applications.domain.procedure.Actor;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import io.grantflow.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * 免申即享 (ADR 0020): partner agencies import government records; each accepted record becomes
 * an offer the enterprise confirms or declines. The agency's token (its client's service account,
 * or a reviewer) carries role reviewer and the department it records for.
 */
@Path("/record-imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "offers", description = "免申即享 / Proactive offers from government records")
public class RecordImportResource {
    static final String CSV = "text/csv";

    private final RecordImports imports;
    private final RecordImportQueries queries;
    private final Caller caller;
    private final ObjectMapper json;
    private final ProgrammeDirectory directory;

    public RecordImportResource(
            RecordImports imports,
            RecordImportQueries queries,
            Caller caller,
            ObjectMapper json,
            ProgrammeDirectory directory) {
        this.imports = imports;
        this.queries = queries;
        this.caller = caller;
        this.json = json;
        this.directory = directory;
    }

    @GET
    @RolesAllowed({Caller.REVIEWER, Caller.OPERATOR, Caller.ADMIN})
    @Operation(
            operationId = "listRecordImports",
            summary = "Past imports of government records, newest first, paged / 历次政府记录导入",
            description = "合作机构（审核人员）只见本部门的导入，运维与管理员可见全部；每次导入的条数与生成、重复、拒绝的合计。"
                    + " / An agency (a reviewer) sees its own department's imports, operators and admins all: each with"
                    + " its totals of records created, duplicated and refused.")
    @APIResponse(responseCode = "200", description = "一页导入记录 / a page of imports")
    public Uni<Page<ImportSummary>> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return queries.list(readableDepartment(), PageRequest.of(limit, offset));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.REVIEWER, Caller.OPERATOR, Caller.ADMIN})
    @Operation(
            operationId = "getRecordImport",
            summary = "One import of government records / 一次政府记录导入",
            description =
                    "合计，以及其所生成的免申即享当前各状态的数量（offersByStatus）；他部门的导入为 404。 / Its totals, and how"
                            + " many of the offers it made are in each state now (offersByStatus); another department's is 404.")
    @APIResponse(responseCode = "200", description = "该次导入 / the import")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<ImportSummary> get(@PathParam("id") UUID id) {
        return queries.get(id, readableDepartment());
    }

    /** The department whose imports the caller reads; null for operators and admins, who read all. */
    private String readableDepartment() {
        if (caller.hasRole(Caller.OPERATOR) || caller.hasRole(Caller.ADMIN)) {
            return null;
        }
        return caller.department()
                .orElseThrow(() -> ProblemException.forbidden(
                        "NO_DEPARTMENT", "账号未绑定部门", "The account is bound to no department (department claim)"));
    }

    /** A record as the JSON body gives it (the document's schema; the body is read by {@link RecordFiles}). */
    @Schema(name = "GovernmentRecord", description = "政府记录 / A government record")
    public record RecordSchema(
            @Schema(required = true, maxLength = 18, description = "统一社会信用代码 / unified social credit code")
            String creditCode,

            @Schema(required = true, maxLength = RecordFiles.MAX_NAME)
            String enterpriseName,

            @Schema(
                    required = true,
                    enumeration = {"honour_list", "filing", "qualification"},
                    description = "荣誉名单 / 备案 / 资质认定")
            String recordKind,

            @Schema(required = true, maxLength = 44, description = "项目代码 / programme code")
            String programme,

            @Schema(required = true, maxLength = RecordFiles.MAX_SOURCE, description = "发布机关或名单 / issuer or list")
            String source,

            @Schema(required = true, format = "date", description = "记录日期 / the record's date")
            String recordDate,

            @Schema(maxLength = RecordFiles.MAX_REF, description = "记录编号（备案号、产品编号）/ the record's own number")
            String recordRef,

            @Schema(required = true, maxLength = 32, description = "地区代码 / district code")
            String district,

            @Schema(
                    type = SchemaType.OBJECT,
                    maxProperties = RecordFiles.MAX_FACTS,
                    description = "记录所含要素 / the facts the record carries")
            Map<String, Object> facts) {}

    @POST
    @Consumes({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "importGovernmentRecords",
            summary = "Import government records: proactive offers / 导入政府记录（免申即享）",
            description = "合作机构导入荣誉名单、备案、首次资质认定记录（JSON 数组或 text/csv，每条含来源与日期，最多 10,000 条）。"
                    + "政策目录标明可由该类记录证明的本部门项目，每条记录生成一份待资格筛查的免申即享；重复导入同一记录不会重复生成。"
                    + "CSV 表头列为 creditCode、enterpriseName、recordKind、programme、source、recordDate、recordRef、district，"
                    + "要素列为 facts.<名称>。 / A partner agency imports honour lists, filings and first-time qualifications"
                    + " (a JSON array or text/csv, each record with its source and date, at most 10,000). Each record of a"
                    + " programme of the agency's department that the catalogue says such a record proves becomes an offer,"
                    + " screened by eligibility; a record imported again creates nothing. CSV columns: creditCode,"
                    + " enterpriseName, recordKind, programme, source, recordDate, recordRef, district, and facts.<name>"
                    + " per fact.")
    @RequestBody(
            required = true,
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema =
                                @Schema(
                                        type = SchemaType.ARRAY,
                                        implementation = RecordSchema.class,
                                        maxItems = 10000)),
                @Content(
                        mediaType = CSV,
                        schema = @Schema(type = SchemaType.STRING, maxLength = 8388608),
                        examples =
                                @ExampleObject(
                                        name = "srdiListCsv",
                                        summary = "同一名单的 CSV / The same list as CSV",
                                        value = "creditCode,enterpriseName,recordKind,programme,source,recordDate,"
                                                + "recordRef,district,facts.honour_level\r\n91320214AY4CL12T29,"
                                                + "无锡阿尔法智能科技有限公司,honour_list,S1-SRDI,"
                                                + "工业和信息化部第七批专精特新“小巨人”企业名单,2026-06-30,,xinwu,national\r\n"))
            })
    @APIResponse(
            responseCode = "200",
            description = "导入报告：生成、重复、拒绝（逐条原因） / The report: created, duplicates, refused with reasons per record",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RecordImports.Report.class)))
    @APIResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE_REF)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE_REF)
    public Uni<RecordImports.Report> importRecords(
            @Parameter(
                            description = ProcedureResource.KEY_DOC,
                            schema = @Schema(pattern = ProcedureResource.KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @Context HttpHeaders headers,
            String body) {
        String department = caller.department()
                .orElseThrow(() -> ProblemException.forbidden(
                        "NO_DEPARTMENT", "账号未绑定部门", "The account is bound to no department (department claim)"));
        if (!directory.known()) {
            throw Problems.catalogueNotPublished();
        }
        // the header first: a malformed key is refused before the body is read
        String checkedKey = key == null ? null : ProcedureResource.checkedKey(key);
        AuditContext who = new AuditContext(caller.name(), Caller.REVIEWER, RequestIds.of(headers));
        MediaType type = headers.getMediaType();
        boolean csv = type != null && type.isCompatible(MediaType.valueOf(CSV));
        List<ImportedRecord> records = csv ? RecordFiles.csv(body) : RecordFiles.json(body, json);
        Idempotency.Key idempotency =
                key == null ? null : Idempotency.Key.of(caller.name(), checkedKey, "importGovernmentRecords", body);
        return imports.importRecords(
                records, csv ? "csv" : "json", Actor.reviewer(caller.name(), department), who, idempotency);
    }
}
