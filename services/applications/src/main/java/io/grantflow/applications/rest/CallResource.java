package io.grantflow.applications.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.Viewer;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.call.Calls;
import io.grantflow.applications.application.call.Calls.CallRecord;
import io.grantflow.applications.application.call.Calls.RankedLine;
import io.grantflow.applications.application.call.Calls.RankedList;
import io.grantflow.applications.application.procedure.Idempotency;
import io.grantflow.applications.domain.call.Call;
import io.grantflow.applications.domain.call.CallException;
import io.grantflow.applications.domain.call.Criterion;
import io.grantflow.applications.domain.procedure.Actor;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.CsvFile;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import io.grantflow.platform.rest.QueryParams;
import io.grantflow.platform.security.Caller;
import io.grantflow.platform.text.Bilingual;
import io.grantflow.platform.validation.CleanText;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Calls for applications (申报批次) of the ON_MERIT programmes, for the programme's department:
 * open one, close it, read its ranked list (JSON, CSV, XLSX), send the funded part to public
 * announcement. Everyone signed in may read the calls themselves (an enterprise needs to know
 * which are open).
 */
@Path("/calls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "call", description = "申报批次 / Calls for applications")
public class CallResource {
    /** An ISO 8601 instant with its offset: {@code 2026-04-01T00:00:00+08:00}, {@code 2026-04-30T16:00:00Z}. */
    static final String DATE_TIME =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})$";

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Set<String> STATUSES =
            Arrays.stream(Call.Status.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private final Calls calls;
    private final Caller caller;
    private final ProgrammeDirectory directory;
    private final ObjectMapper json;

    public CallResource(Calls calls, Caller caller, ProgrammeDirectory directory, ObjectMapper json) {
        this.calls = calls;
        this.caller = caller;
        this.directory = directory;
        this.json = json;
    }

    public record CriterionRequest(
            @NotBlank(message = "{grantflow.required}")
            @Pattern(regexp = Criterion.CODE_PATTERN, message = "{grantflow.criterion-code}")
            String code,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = 100)
            String nameZh,

            @CleanText(max = 100) String nameEn,

            @NotNull(message = "{grantflow.required}")
            @DecimalMin(value = "0.01", message = "{grantflow.weight}")
            @DecimalMax(value = "100", message = "{grantflow.weight}")
            @Digits(integer = 3, fraction = 2, message = "{grantflow.weight}")
            BigDecimal weight) {}

    /** A new call: its programme (ON_MERIT, of the caller's department), title, window, budget and criteria. */
    public record OpenCallRequest(
            @NotBlank(message = "{grantflow.required}")
            @Pattern(regexp = Vocabulary.PROGRAMME_PATTERN, message = "{grantflow.programme-code}")
            String programme,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = 200)
            String titleZh,

            @CleanText(max = 200) String titleEn,

            @NotNull(message = "{grantflow.required}") @Pattern(regexp = DATE_TIME, message = "{grantflow.date-time}")
            String opensAt,

            @NotNull(message = "{grantflow.required}") @Pattern(regexp = DATE_TIME, message = "{grantflow.date-time}")
            String closesAt,

            @DecimalMin(value = "0.01", message = "{grantflow.money}")
            @Digits(integer = 13, fraction = 2, message = "{grantflow.money}")
            BigDecimal budget,

            @NotEmpty(message = "{grantflow.required}")
            @Size(max = Call.MAX_CRITERIA, message = "{grantflow.criteria.size}")
            List<@NotNull(message = "{grantflow.required}") @Valid CriterionRequest> criteria) {}

    /** A call as its readers see it. */
    public record CallView(
            UUID id,
            String programme,
            String department,
            String titleZh,
            String titleEn,
            Instant opensAt,
            Instant closesAt,
            BigDecimal budget,
            List<Calls.CriterionRecord> criteria,
            String status,
            boolean accepting) {
        static CallView of(CallRecord r) {
            return new CallView(
                    r.id(),
                    r.programme(),
                    r.department(),
                    r.title().zh(),
                    r.title().en(),
                    r.opensAt(),
                    r.closesAt(),
                    r.budget(),
                    r.criteria(),
                    r.status(),
                    r.accepting());
        }
    }

    /** The ranked list: the call, what the funded part costs, and every line. */
    public record RankingView(CallView call, BigDecimal funded, List<RankedLine> lines) {
        static RankingView of(RankedList r) {
            return new RankingView(CallView.of(r.call()), r.funded(), r.lines());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "openCall",
            summary = "Open a call for an ON_MERIT programme / 开放申报批次",
            description = "项目须为择优（ON_MERIT）且属本部门；指标权重合计须为100。 / The programme must be ON_MERIT and "
                    + "the caller's department's; the weights add up to 100.")
    @APIResponse(
            responseCode = "201",
            description = "已开放 / opened",
            content = @Content(schema = @Schema(implementation = CallView.class)))
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE_CONTENT_REF)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE_REF)
    public Uni<Response> open(
            @Parameter(
                            description = ProcedureResource.KEY_DOC,
                            schema = @Schema(pattern = ProcedureResource.KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @NotNull(message = "{grantflow.required}") @Valid OpenCallRequest request,
            @Context HttpHeaders headers) {
        String department = department();
        if (!directory.known()) {
            throw Problems.catalogueNotPublished();
        }
        var programme = directory
                .find(request.programme())
                .orElseThrow(() -> ProblemException.invalidField(
                        "programme", "UNKNOWN_PROGRAMME", "政策目录中没有该项目", "no such programme in the policy catalogue"));
        if (!programme.administered() || !programme.flagged("ON_MERIT")) {
            throw ProblemException.unprocessable(
                    "NOT_ON_MERIT",
                    "申报批次只用于由本平台受理的择优项目",
                    "Calls are for the ON_MERIT programmes administered here",
                    List.of(new FieldError("programme", "NOT_ON_MERIT", "该项目不择优", "not an ON_MERIT programme")));
        }
        if (!programme.departments().contains(department)) {
            throw ProblemException.forbidden(
                    "NOT_YOUR_PROGRAMME", "该项目不由本部门受理", "This programme is not your department's");
        }
        List<Criterion> criteria = request.criteria().stream()
                .map(c -> new Criterion(
                        c.code(),
                        Bilingual.of(
                                c.nameZh(), c.nameEn() == null || c.nameEn().isBlank() ? c.nameZh() : c.nameEn()),
                        c.weight()))
                .toList();
        Idempotency.Key idempotency = key == null
                ? null
                : Idempotency.Key.of(
                        caller.name(), ProcedureResource.checkedKey(key), "openCall", Json.write(json, request));
        // the call's own checks throw as it is made: deferred, so that they reach the mapping below
        return rules(Uni.createFrom()
                        .deferred(() -> calls.open(
                                request.programme(),
                                department,
                                Bilingual.of(
                                        request.titleZh(),
                                        request.titleEn() == null
                                                        || request.titleEn().isBlank()
                                                ? request.titleZh()
                                                : request.titleEn()),
                                instant(request.opensAt(), "opensAt"),
                                instant(request.closesAt(), "closesAt"),
                                request.budget(),
                                criteria,
                                audit(headers),
                                idempotency)))
                .map(r -> Response.status(201).entity(CallView.of(r)).build());
    }

    @GET
    @RolesAllowed({"enterprise", "reviewer", "city_approver", "finance", "operator", "admin"})
    @Operation(operationId = "listCalls", summary = "Calls, newest first / 申报批次")
    @APIResponse(responseCode = "200", description = "一页批次 / a page of calls")
    public Uni<Page<CallView>> list(
            @QueryParam("programme") String programme,
            @QueryParam("status") String status,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        if (programme != null && !programme.matches(Vocabulary.PROGRAMME_PATTERN)) {
            throw ProblemException.invalidField(
                    "programme", "INVALID_PARAMETER", "项目代码格式错误", "malformed programme code");
        }
        return calls.list(programme, QueryParams.oneOf("status", status, STATUSES), PageRequest.of(limit, offset))
                .map(page -> page.map(CallView::of));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"enterprise", "reviewer", "city_approver", "finance", "operator", "admin"})
    @Operation(operationId = "getCall", summary = "One call / 批次详情")
    @APIResponse(responseCode = "200", description = "该批次 / the call")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<CallView> get(@PathParam("id") UUID id) {
        return calls.get(id).map(CallView::of);
    }

    @POST
    @Path("/{id}/closure")
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "closeCall",
            summary = "Close the call: no more applications / 批次截止",
            description = "本部门的批次。 / The department's own call.")
    @APIResponse(responseCode = "200", description = "已截止 / closed")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<CallView> close(
            @PathParam("id") UUID id,
            @Parameter(
                            description = ProcedureResource.KEY_DOC,
                            schema = @Schema(pattern = ProcedureResource.KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @Context HttpHeaders headers) {
        String department = department();
        return rules(calls.close(id, department, audit(headers), key(key, "closeCall " + id)))
                .map(CallView::of);
    }

    @GET
    @Path("/{id}/ranking")
    @RolesAllowed({"reviewer", "finance", "operator", "admin"})
    @Operation(
            operationId = "getCallRanking",
            summary = "The ranked list, cut at the budget / 择优排序名单",
            description = "按加权总分从高到低（同分先申报者在前），自上而下在预算内支持；第一项超出预算后其下均不支持。未评分的列于最后。 / "
                    + "By weighted total, highest first (ties: the earlier submission); funded from the top while "
                    + "within the budget, nothing below the first that does not fit. Unscored ones come last.")
    @APIResponse(responseCode = "200", description = "名单 / the list")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<RankingView> ranking(@PathParam("id") UUID id) {
        return calls.ranking(id, viewer()).map(RankingView::of);
    }

    @GET
    @Path("/{id}/ranking.csv")
    // any Accept: the file is what it is, its type told by Content-Type (and refusals are problem documents)
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({"reviewer", "finance", "operator", "admin"})
    @Operation(operationId = "exportCallRankingCsv", summary = "The ranked list as CSV (UTF-8) / 名单导出 CSV")
    @APIResponse(
            responseCode = "200",
            description = "CSV，首行为中英文列名 / CSV, the header row in both languages",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<Response> csv(@PathParam("id") UUID id) {
        return calls.ranking(id, viewer())
                .map(list -> CsvFile.response(
                        "call-" + id + ".csv",
                        HEADER,
                        list.lines().stream().map(CallResource::cells).toList()));
    }

    @GET
    @Path("/{id}/ranking.xlsx")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({"reviewer", "finance", "operator", "admin"})
    @Operation(operationId = "exportCallRankingXlsx", summary = "The ranked list as XLSX / 名单导出 Excel")
    @APIResponse(
            responseCode = "200",
            description = "Excel 工作簿 / an Excel workbook",
            content = @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<Response> xlsx(@PathParam("id") UUID id) {
        return calls.ranking(id, viewer())
                .map(list -> Response.ok(workbook(list.lines()), XLSX)
                        .header("Content-Disposition", "attachment; filename=\"call-" + id + ".xlsx\"")
                        .build());
    }

    /**
     * The ranked list as a workbook: the rank, the score and the amounts as numbers (amounts and
     * scores with two decimals), so that a spreadsheet sorts and adds them up; the rest as text,
     * an empty cell where the CSV has an empty field.
     */
    static byte[] workbook(List<RankedLine> lines) {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("ranking");
            CellStyle decimals = book.createCellStyle();
            decimals.setDataFormat(book.createDataFormat().getFormat("0.00"));
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADER.size(); i++) {
                header.createCell(i).setCellValue(HEADER.get(i));
            }
            int r = 1;
            for (RankedLine l : lines) {
                Row row = sheet.createRow(r++);
                if (l.rank() != null) {
                    row.createCell(0).setCellValue(l.rank());
                }
                row.createCell(1).setCellValue(l.applicationId().toString());
                row.createCell(2).setCellValue(l.applicantId());
                row.createCell(3).setCellValue(l.status());
                decimal(row, 4, l.score(), decimals);
                decimal(row, 5, l.amount(), decimals);
                decimal(row, 6, l.cumulative(), decimals);
                row.createCell(7).setCellValue(l.funded() ? "是 yes" : "否 no");
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A number of at most two decimals (a score, an amount in yuan): exact as a double for the sheet. */
    private static void decimal(Row row, int column, BigDecimal value, CellStyle style) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(value.doubleValue());
        cell.setCellStyle(style);
    }

    @POST
    @Path("/{id}/announcement")
    @RolesAllowed(Caller.REVIEWER)
    @Operation(
            operationId = "announceCall",
            summary = "Announce the funded part of the list, as one announcement / 名单公示",
            description = "批次须已截止，名单中预算内的每项均须已提出拟支持金额（否则 409 LIST_NOT_READY 并列出）。 / The call "
                    + "must be closed and every funded line recommended (else 409 LIST_NOT_READY, naming them).")
    @APIResponse(responseCode = "200", description = "已公示 / announced")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public Uni<RankingView> announce(
            @PathParam("id") UUID id,
            @Parameter(
                            description = ProcedureResource.KEY_DOC,
                            schema = @Schema(pattern = ProcedureResource.KEY_PATTERN, maxLength = 100))
                    @HeaderParam("Idempotency-Key")
                    String key,
            @Context HttpHeaders headers) {
        Actor actor = Actor.reviewer(caller.name(), department());
        return ProcedureResource.rules(
                        rules(calls.announce(id, actor, audit(headers), viewer(), key(key, "announceCall " + id))))
                .map(RankingView::of);
    }

    static final List<String> HEADER = List.of(
            "排名 rank",
            "申请编号 application",
            "统一社会信用代码 credit code",
            "状态 status",
            "加权总分 score",
            "金额 amount",
            "累计 cumulative",
            "是否支持 funded");

    private static List<String> cells(RankedLine l) {
        return List.of(
                l.rank() == null ? "" : l.rank().toString(),
                l.applicationId().toString(),
                l.applicantId(),
                l.status(),
                l.score() == null ? "" : l.score().toPlainString(),
                l.amount() == null ? "" : l.amount().toPlainString(),
                l.cumulative() == null ? "" : l.cumulative().toPlainString(),
                l.funded() ? "是 yes" : "否 no");
    }

    private static Instant instant(String text, String field) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "INVALID_DATE_TIME", "日期时间无效", "not a valid date and time");
        }
    }

    private Idempotency.Key key(String key, String operation) {
        return key == null ? null : Idempotency.Key.of(caller.name(), ProcedureResource.checkedKey(key), operation, "");
    }

    private String department() {
        return caller.department()
                .orElseThrow(() -> ProblemException.forbidden(
                        "NO_DEPARTMENT", "账号未绑定部门", "The account is not bound to a department (department claim)"));
    }

    private AuditContext audit(HttpHeaders headers) {
        return new AuditContext(caller.name(), Caller.REVIEWER, RequestIds.of(headers));
    }

    private Viewer viewer() {
        return Viewers.of(caller);
    }

    /** A call's rule refused: a wrong request is 422 naming the field, a state 409. */
    static <T> Uni<T> rules(Uni<T> action) {
        return action.onFailure(CallException.class).transform(f -> {
            CallException e = (CallException) f;
            if (e.conflict()) {
                return ProblemException.conflict(
                        e.code(), e.text().zh(), e.text().en());
            }
            return ProblemException.unprocessable(
                    e.code(),
                    e.text().zh(),
                    e.text().en(),
                    e.field() == null
                            ? List.of()
                            : List.of(new FieldError(
                                    e.field(), e.code(), e.text().zh(), e.text().en())));
        });
    }
}
