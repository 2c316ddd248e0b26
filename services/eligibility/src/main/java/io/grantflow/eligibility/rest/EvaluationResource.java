package io.grantflow.eligibility.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.contracts.vocabulary.Bounds;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.eligibility.application.EvaluateApplication;
import io.grantflow.eligibility.application.EvaluationQueries;
import io.grantflow.eligibility.domain.Applicant;
import io.grantflow.eligibility.domain.BadInputException;
import io.grantflow.eligibility.domain.BudgetLimit;
import io.grantflow.eligibility.domain.Evaluation;
import io.grantflow.eligibility.domain.Evaluator;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.Instalment;
import io.grantflow.eligibility.domain.TraceStep;
import io.grantflow.eligibility.domain.catalogue.FactsSchema;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.security.Caller;
import io.grantflow.platform.validation.CleanText;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Evaluate a draft application on demand, run the policy calculator over every programme, or
 * read the stored evaluation of a submitted application.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "evaluations", description = "资格测算与政策计算器 / Eligibility and policy calculator")
public class EvaluationResource {
    private final Evaluator evaluator;
    private final EvaluationQueries queries;
    private final ProgrammeDirectory directory;
    private final Caller caller;
    private final ObjectMapper json;

    public EvaluationResource(
            Evaluator evaluator,
            EvaluationQueries queries,
            ProgrammeDirectory directory,
            Caller caller,
            ObjectMapper json) {
        this.evaluator = evaluator;
        this.queries = queries;
        this.directory = directory;
        this.caller = caller;
        this.json = json;
    }

    /** The applicant of a request. */
    public record ApplicantInput(
            @NotBlank(message = "{grantflow.required}") @CleanText(max = Bounds.ID)
            String id,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = 32)
            String kind,

            @NotBlank(message = "{grantflow.required}") @CleanText(max = 32)
            String district) {}

    /** An award the applicant already received (policy "this" or another city-level policy id). */
    public record HistoryInput(
            @NotBlank(message = "{grantflow.required}")
            @Pattern(regexp = Vocabulary.PROGRAMME_PATTERN, message = "{grantflow.programme-code}")
            String programme,

            @CleanText(max = Bounds.ID) String policy,
            @NotNull(message = "{grantflow.required}") LocalDate asOf,
            @NotNull(message = "{grantflow.required}") BigDecimal amount,
            Map<String, Object> facts) {}

    /** What to evaluate. */
    public record EvaluationRequest(
            @NotBlank(message = "{grantflow.required}")
            @Pattern(regexp = Vocabulary.PROGRAMME_PATTERN, message = "{grantflow.programme-code}")
            String programme,

            LocalDate asOf,

            @NotNull(message = "{grantflow.required}") @Valid
            ApplicantInput applicant,

            @NotNull(message = "{grantflow.required}") Map<String, Object> facts,

            @Size(max = MAX_HISTORY, message = "{grantflow.history.size}")
            List<@Valid @NotNull(message = "{grantflow.required}") HistoryInput> history) {}

    /** A profile for the calculator: the applicant, every fact it knows, its award history. */
    public record CalculatorRequest(
            LocalDate asOf,

            @NotNull(message = "{grantflow.required}") @Valid
            ApplicantInput applicant,

            Map<String, Object> facts,

            @Size(max = MAX_HISTORY, message = "{grantflow.history.size}")
            List<@Valid @NotNull(message = "{grantflow.required}") HistoryInput> history) {}

    static final int MAX_HISTORY = 100;

    /** A reason with its messages. */
    public record ReasonView(String code, String messageZh, String messageEn) {}

    /** The answer, with its explanation. */
    public record EvaluationView(
            String programme,
            boolean eligible,
            BigDecimal ceiling,
            String department,
            List<String> flags,
            List<ReasonView> reasons,
            List<String> missingFacts,
            List<TraceStep> trace,
            List<BudgetLimit> limits,
            List<Instalment> instalments,
            String catalogueVersion) {}

    /** One line of the calculator's answer. */
    public record CalculatorLine(
            String programme,
            String nameZh,
            String nameEn,
            boolean eligible,
            BigDecimal ceiling,
            List<String> flags,
            List<ReasonView> reasons,
            List<String> missingFacts) {}

    @POST
    @Path("evaluations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(
            operationId = "evaluateDraft",
            summary = "Evaluate an application without submitting it / 资格与额度测算",
            description = "缺少的要素不是错误：草稿可以不完整，测算结果以 MISSING_FACT 说明；未知项目、无效的信用代码"
                    + "为400，问题代码即 CASES.md 的错误代码。 / A missing fact is no error: a draft may be incomplete and "
                    + "the evaluation names it (MISSING_FACT); an unknown programme or an invalid credit code is 400, "
                    + "the problem's code being the error code of CASES.md.")
    @APIResponse(responseCode = "200", description = "测算结果及其依据 / the evaluation and its explanation")
    public EvaluationView evaluate(@NotNull(message = "{grantflow.required}") @Valid EvaluationRequest request) {
        List<FieldError> errors = new ArrayList<>(FactInputs.check(request.facts(), "facts"));
        // a fact left out is the evaluation's MISSING_FACT reason, not bad input: a draft may be incomplete
        evaluator
                .policy()
                .programme(request.programme())
                .ifPresent(p -> directory.checkFacts(published(p), request.facts(), "facts").stream()
                        .filter(e -> !"MISSING_FACT".equals(e.code()))
                        .forEach(errors::add));
        checkHistory(request.history(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.stream().distinct().toList());
        }
        try {
            return view(evaluator.evaluate(
                    request.programme(),
                    asOf(request.asOf()),
                    applicant(request.applicant()),
                    request.facts(),
                    history(request.history())));
        } catch (BadInputException e) {
            throw badInput(e);
        }
    }

    @POST
    @Path("calculator")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(
            operationId = "runPolicyCalculator",
            summary = "Every programme the applicant may qualify for, with ceilings and missing facts / 政策计算器")
    @APIResponse(responseCode = "200", description = "每个项目一行，按章节与代码排序 / one line per programme, by section and code")
    public List<CalculatorLine> calculate(@NotNull(message = "{grantflow.required}") @Valid CalculatorRequest request) {
        List<FieldError> errors = new ArrayList<>(FactInputs.check(request.facts(), "facts"));
        checkHistory(request.history(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        Applicant applicant = applicant(request.applicant());
        LocalDate asOf = asOf(request.asOf());
        Map<String, Object> facts = request.facts() == null ? Map.of() : request.facts();
        List<HistoryItem> history = history(request.history());
        List<ProgrammeDef> programmes = evaluator.policy().allProgrammes().stream()
                .sorted(Comparator.comparingInt(ProgrammeDef::section).thenComparing(ProgrammeDef::code))
                .toList();
        try {
            List<Evaluation> evaluations = evaluator.screen(programmes, asOf, applicant, facts, history);
            List<CalculatorLine> lines = new ArrayList<>(programmes.size());
            for (int i = 0; i < programmes.size(); i++) {
                lines.add(line(programmes.get(i), evaluations.get(i)));
            }
            return lines;
        } catch (BadInputException e) {
            throw badInput(e);
        }
    }

    /** The problem's own code is the error code of CASES.md, so a client need not dig into errors. */
    private static ProblemException badInput(BadInputException e) {
        return new ProblemException(
                400,
                e.code(),
                "请求参数无效",
                "Invalid request",
                e.messageZh(),
                e.getMessage(),
                List.of(new FieldError(e.field(), e.code(), e.messageZh(), e.getMessage())));
    }

    @GET
    @Path("evaluations/{applicationId}")
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(
            operationId = "getEvaluation",
            summary = "The evaluation of a submitted application, for whoever may read the application / 已提交申请的审核结果")
    @APIResponse(responseCode = "200", description = "保存的测算结果 / the stored evaluation")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public Uni<EvaluationQueries.StoredEvaluation> stored(@PathParam("applicationId") UUID applicationId) {
        // readable as the application is: its applicant, reviewers of its department, finance, operators, admins
        return queries.get(applicationId).map(e -> {
            boolean all =
                    caller.hasRole(Caller.FINANCE) || caller.hasRole(Caller.OPERATOR) || caller.hasRole(Caller.ADMIN);
            boolean reviewer = caller.hasRole(Caller.REVIEWER)
                    && caller.department().map(e.department()::equals).orElse(false);
            boolean applicant = caller.hasRole(Caller.ENTERPRISE)
                    && caller.enterpriseId().map(e.applicantId()::equals).orElse(false);
            if (!all && !reviewer && !applicant) {
                throw ProblemException.notFound("评估", "evaluation", applicationId.toString());
            }
            return e;
        });
    }

    private void checkHistory(List<HistoryInput> history, List<FieldError> errors) {
        if (history == null) {
            return;
        }
        for (int i = 0; i < history.size(); i++) {
            HistoryInput h = history.get(i);
            if (h == null) {
                continue;
            }
            errors.addAll(FactInputs.check(h.facts(), "history[" + i + "].facts"));
            try {
                Money.exact(h.amount());
            } catch (Money.InvalidAmountException e) {
                errors.add(new FieldError(
                        "history[" + i + "].amount",
                        "INVALID_AMOUNT",
                        "金额须为非负且最多两位小数",
                        "an amount must be non-negative with at most two decimals"));
            }
        }
    }

    /** The catalogue's own programme as other services see it published, to check facts the same way. */
    private ProgrammeDirectory.Programme published(ProgrammeDef p) {
        return new ProgrammeDirectory.Programme(
                p.code(),
                evaluator.policy().version(),
                p.name().zh(),
                p.name().en(),
                p.administered(),
                p.departments(),
                p.beneficiaryKinds(),
                p.flags(),
                json.valueToTree(FactsSchema.of(p)));
    }

    private static LocalDate asOf(LocalDate asOf) {
        return asOf == null ? LocalDate.now(EvaluateApplication.POLICY_ZONE) : asOf;
    }

    private static Applicant applicant(ApplicantInput input) {
        return new Applicant(input.id(), input.kind(), input.district());
    }

    private static List<HistoryItem> history(List<HistoryInput> input) {
        return input == null
                ? List.of()
                : input.stream()
                        .map(h -> new HistoryItem(
                                h.programme(),
                                h.policy(),
                                h.asOf(),
                                h.amount(),
                                h.facts() == null ? Map.of() : h.facts()))
                        .toList();
    }

    private static List<ReasonView> reasons(Evaluation e) {
        return e.reasons().stream()
                .map(r -> new ReasonView(r.name(), r.messageZh(), r.messageEn()))
                .toList();
    }

    private static EvaluationView view(Evaluation e) {
        return new EvaluationView(
                e.programme(),
                e.eligible(),
                e.ceiling().orElse(null),
                e.department(),
                e.flags(),
                reasons(e),
                e.missingFacts(),
                e.trace(),
                e.limits(),
                e.instalments(),
                e.catalogueVersion());
    }

    private static CalculatorLine line(ProgrammeDef p, Evaluation e) {
        return new CalculatorLine(
                p.code(),
                p.name().zh(),
                p.name().en(),
                e.eligible(),
                e.ceiling().orElse(null),
                e.flags(),
                reasons(e),
                e.missingFacts());
    }
}
