package io.grantflow.disbursement.rest;

import io.grantflow.disbursement.application.Reconcile;
import io.grantflow.disbursement.application.Reconcile.Mismatches;
import io.grantflow.disbursement.application.Reconcile.StatementRecord;
import io.grantflow.disbursement.config.ReconciliationConfig;
import io.grantflow.disbursement.domain.statement.BankStatement;
import io.grantflow.disbursement.domain.statement.StatementFormatException;
import io.grantflow.disbursement.statement.Camt053;
import io.grantflow.disbursement.statement.CsvStatements;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.CsvFile;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.text.Bilingual;
import io.grantflow.platform.validation.TextRules;
import io.quarkus.security.identity.SecurityIdentity;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reconciliation for finance: bank statements of the treasury's paying account imported as
 * ISO 20022 camt.053 XML or CSV, and per statement every mismatch with the confirmed payments,
 * as JSON and as CSV. Importing the same file again creates nothing and answers with it.
 */
@Path("/statements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reconciliation", description = "银行对账 / Reconciliation against bank statements")
public class StatementResource {
    static final String CSV = "text/csv";

    static final String CAMT_EXAMPLE = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">"
            + "<BkToCstmrStmt><Stmt><Id>STMT-20260304</Id>"
            + "<FrToDt><FrDtTm>2026-03-04T00:00:00+08:00</FrDtTm><ToDtTm>2026-03-04T23:59:59+08:00</ToDtTm></FrToDt>"
            + "<Acct><Id><Othr><Id>3202000100000001</Id></Othr></Id></Acct>"
            + "<Ntry><Amt Ccy=\"CNY\">250000.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-03-04</Dt></BookgDt>"
            + "<AcctSvcrRef>BANK-0001</AcctSvcrRef><NtryDtls><TxDtls><Refs>"
            + "<EndToEndId>9c7e1a2b-3d4f-3a5b-8c6d-7e8f9a0b1c2d</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>"
            + "</Stmt></BkToCstmrStmt></Document>";

    private final Reconcile reconcile;
    private final ReconciliationConfig config;
    private final SecurityIdentity identity;

    public StatementResource(Reconcile reconcile, ReconciliationConfig config, SecurityIdentity identity) {
        this.reconcile = reconcile;
        this.config = config;
        this.identity = identity;
    }

    @POST
    // any type reaches the method, so that the caller's role is checked first; the type is checked here
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("finance")
    @Operation(
            operationId = "importStatement",
            summary = "Import a bank statement (camt.053 XML or CSV) / 导入银行对账单",
            description = "camt.053：按元素本地名读取，每个文件一份对账单，期间取自 FrToDt，EndToEndId 为拨付指令编号（orderKey）。"
                    + " CSV：首行列名 reference, amount, booked_on, direction（DEBIT/CREDIT），可选 currency, bank_reference,"
                    + " counterparty；期间取自参数 from/to 或记账日期。引用追回编号（RCV-…）的收入即该追回的退款，导入时记录。同一文件再次导入"
                    + "不新建，返回 200。 / camt.053: read by local"
                    + " element names, one statement per file, its period from FrToDt, EndToEndId the payment's orderKey. CSV:"
                    + " a header row naming reference, amount, booked_on, direction (DEBIT/CREDIT), optionally currency,"
                    + " bank_reference, counterparty; the period from the from/to parameters or the booking dates. A credit"
                    + " quoting a recovery order's reference (RCV-…) is its repayment, recorded by the import. The same"
                    + " file imported again creates nothing and answers 200.")
    @RequestBody(
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_XML,
                        schema = @Schema(type = SchemaType.STRING, maxLength = 1048576),
                        examples =
                                @ExampleObject(
                                        name = "camt053",
                                        summary = "camt.053 对账单（节选） / A camt.053 statement (abridged)",
                                        value = CAMT_EXAMPLE)),
                @Content(
                        mediaType = CSV,
                        schema = @Schema(type = SchemaType.STRING, maxLength = 1048576),
                        examples =
                                @ExampleObject(
                                        name = "csv",
                                        summary = "同一对账单的 CSV / The same statement as CSV",
                                        value = "reference,amount,booked_on,direction,bank_reference,counterparty\r\n"
                                                + "9c7e1a2b-3d4f-3a5b-8c6d-7e8f9a0b1c2d,250000.00,2026-03-04,DEBIT,"
                                                + "BANK-0001,无锡阿尔法智能科技有限公司\r\n"))
            })
    @APIResponse(
            responseCode = "201",
            description = "已导入 / imported",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = StatementRecord.class)))
    @APIResponse(
            responseCode = "200",
            description = "该文件此前已导入 / this file was imported before",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = StatementRecord.class)))
    public Uni<Response> importStatement(
            String body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("statementRef") String statementRef,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @Context UriInfo uri) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean csv = type.startsWith(CSV);
        BankStatement statement;
        try {
            String ref = bounded(statementRef);
            LocalDate first = date(from, "from");
            LocalDate last = date(to, "to");
            if (body == null || body.isBlank()) {
                throw new StatementFormatException("$", "EMPTY_BODY", "对账单内容为空", "The statement is empty");
            }
            if (!csv && !type.startsWith(MediaType.APPLICATION_XML) && !type.startsWith(MediaType.TEXT_XML)) {
                throw new ProblemException(
                        415,
                        "UNSUPPORTED_MEDIA_TYPE",
                        "不支持的内容类型",
                        "Unsupported media type",
                        "对账单须为 application/xml（camt.053）或 text/csv",
                        "A statement must be application/xml (camt.053) or text/csv",
                        null);
            }
            statement = csv
                    ? CsvStatements.parse(body, ref, first, last, config.maxEntries())
                    : Camt053.parse(body, config.maxEntries());
        } catch (StatementFormatException e) {
            throw ProblemException.badRequest(e.faults().stream()
                    .map(f -> new FieldError(f.field(), f.code(), f.text()))
                    .toList());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(
                    "to", "INVALID_PERIOD", "对账单期间的结束日不能早于开始日", "The period cannot end before it begins");
        }
        return reconcile
                .importStatement(
                        body,
                        csv ? "CSV" : "CAMT053",
                        statement,
                        identity.getPrincipal().getName())
                .map(imported -> imported.created()
                        ? Response.created(uri.getAbsolutePathBuilder()
                                        .path(imported.statement().id().toString())
                                        .build())
                                .entity(imported.statement())
                                .build()
                        : Response.ok(imported.statement()).build());
    }

    @GET
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(operationId = "listStatements", summary = "Imported statements, newest first, paged / 已导入的对账单")
    @APIResponse(responseCode = "200", description = "一页对账单 / a page of statements")
    public Uni<Page<StatementRecord>> list(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        return reconcile.list(PageRequest.of(limit, offset));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(operationId = "getStatement", summary = "One imported statement / 单份对账单")
    @APIResponse(responseCode = "200", description = "该对账单 / the statement")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<StatementRecord> get(@PathParam("id") UUID id) {
        return reconcile.get(id);
    }

    @GET
    @Path("/{id}/mismatches")
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(
            operationId = "listStatementMismatches",
            summary = "Every mismatch of a statement with the confirmed payments / 对账差异",
            description =
                    "MISSING 已确认拨付但对账单无此笔；UNKNOWN 对账单支出无对应拨付；AMOUNT_DIFFERS 金额不符；PAID_TWICE"
                            + " 重复入账；UNMATCHED_CREDIT 收入引用的追回编号不存在；OVERPAID_CREDIT 退款超出该追回尚欠金额（expected 为所抵金额，多缴部分须退还）。差异只供核查，不改变任何已入账金额。 / MISSING a confirmed"
                            + " payment the statement lacks; UNKNOWN a debit matching no payment; AMOUNT_DIFFERS another amount"
                            + " booked than confirmed; PAID_TWICE booked more than once; UNMATCHED_CREDIT a credit quoting a"
                            + " recovery reference of no order; OVERPAID_CREDIT a credit above what its order was owed"
                            + " (expected is what it repaid; the surplus is to be refunded). Mismatches are for finance to settle: none changes a posted amount.")
    @APIResponse(responseCode = "200", description = "差异及分类计数 / the mismatches and their counts")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<Mismatches> mismatches(@PathParam("id") UUID id) {
        return reconcile.mismatches(id);
    }

    static final List<String> HEADER = List.of(
            "类型 kind", "拨付 paymentId", "参考号 reference", "确认金额 expected", "入账金额 booked", "行 lines", "说明", "explanation");

    @GET
    @Path("/{id}/mismatches.csv")
    // any Accept: the file is what it is, its type told by Content-Type (refusals are problem documents)
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({"finance", "operator", "admin"})
    @Operation(operationId = "exportStatementMismatchesCsv", summary = "The mismatches as CSV (UTF-8) / 对账差异导出 CSV")
    @APIResponse(
            responseCode = "200",
            description = "CSV，首行为中英文列名 / CSV, the header row in both languages",
            content =
                    @Content(
                            mediaType = CSV,
                            schema = @Schema(type = SchemaType.STRING),
                            examples =
                                    @ExampleObject(
                                            name = "oneMissing",
                                            summary = "一笔已确认拨付未入账 / One confirmed payment not booked",
                                            value = "类型 kind,拨付 paymentId,参考号 reference,确认金额 expected,入账金额 booked,"
                                                    + "行 lines,说明,explanation\r\nMISSING,"
                                                    + "2f4a6c8e-0b2d-4f6a-8c0e-2a4c6e8a0c2e,"
                                                    + "9c7e1a2b-3d4f-3a5b-8c6d-7e8f9a0b1c2d,250000.00,,,"
                                                    + "已确认拨付 250000.00 元，对账单中无此笔,"
                                                    + "Confirmed payment of 250000.00 not in the statement\r\n")))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<Response> mismatchesCsv(@PathParam("id") UUID id) {
        return reconcile
                .mismatches(id)
                .map(m -> CsvFile.response(
                        "statement-" + id + "-mismatches.csv",
                        HEADER,
                        m.items().stream()
                                .map(r -> Arrays.asList(
                                        r.kind(),
                                        r.paymentId() == null
                                                ? ""
                                                : r.paymentId().toString(),
                                        r.reference(),
                                        r.expected() == null ? "" : r.expected().toPlainString(),
                                        r.booked() == null ? "" : r.booked().toPlainString(),
                                        r.lines().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                                        r.messageZh(),
                                        r.messageEn()))
                                .toList()));
    }

    private static String bounded(String statementRef) {
        if (statementRef == null || statementRef.isEmpty()) {
            return null;
        }
        Bilingual problem = TextRules.problem(statementRef, 140, false);
        if (problem != null) {
            throw new StatementFormatException("statementRef", "INVALID_TEXT", problem.zh(), problem.en());
        }
        return statementRef.trim();
    }

    private static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new StatementFormatException(
                    field, "INVALID_DATE", "日期格式应为 YYYY-MM-DD", "The date must be YYYY-MM-DD");
        }
    }
}
