package io.grantflow.eligibility.rest;

import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.eligibility.domain.catalogue.DatedValue;
import io.grantflow.eligibility.domain.catalogue.FactsSchema;
import io.grantflow.eligibility.domain.catalogue.Parameter;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import io.grantflow.eligibility.domain.catalogue.Text;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import io.grantflow.platform.rest.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The policy catalogue, readable by every signed-in user. */
@Path("/programmes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "programmes", description = "政策项目目录 / Policy catalogue")
public class ProgrammeResource {
    private final Policy policy;

    public ProgrammeResource(Policy policy) {
        this.policy = policy;
    }

    /** A programme in a list. */
    public record ProgrammeSummary(
            String code,
            int section,
            Text name,
            List<String> departments,
            List<String> beneficiaryKinds,
            List<String> flags,
            boolean administered,
            String reference,
            String catalogueVersion) {}

    /** A parameter value with its date and clause. */
    public record ParameterValue(LocalDate from, Object value, String reference, boolean isDefault) {}

    /** One programme with the JSON Schema of its facts, so a front end can render its form. */
    public record ProgrammeDetail(
            ProgrammeSummary programme,
            Map<String, Object> factsSchema,
            Map<String, List<ParameterValue>> parameters) {}

    @GET
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(
            operationId = "listProgrammes",
            summary = "List programmes, filtered by department, beneficiary kind or section, paged / 项目列表")
    @APIResponse(responseCode = "200", description = "一页项目，按章节与代码排序 / a page of programmes, by section and code")
    public Page<ProgrammeSummary> list(
            @QueryParam("department") String departmentParam,
            @QueryParam("beneficiaryKind") String kindParam,
            @QueryParam("section") Integer section,
            @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset) {
        String department = QueryParams.oneOf("department", departmentParam, Vocabulary.DEPARTMENT_CODES);
        String kind = QueryParams.oneOf("beneficiaryKind", kindParam, Vocabulary.BENEFICIARY_KIND_CODES);
        if (section != null && (section < 1 || section > 12)) {
            throw ProblemException.invalidField("section", "OUT_OF_RANGE", "章节须在1到12之间", "section must be 1 to 12");
        }
        PageRequest page = PageRequest.of(limit, offset);
        return Page.of(
                policy.allProgrammes().stream()
                        .filter(p -> department == null || p.departments().contains(department))
                        .filter(p -> kind == null || p.beneficiaryKinds().contains(kind))
                        .filter(p -> section == null || p.section() == section)
                        .sorted(Comparator.comparingInt(ProgrammeDef::section).thenComparing(ProgrammeDef::code))
                        .map(this::summary)
                        .toList(),
                page);
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(operationId = "getProgramme", summary = "One programme with the schema of its facts / 单个项目及申报要素")
    @APIResponse(
            responseCode = "200",
            description =
                    "该项目、其申报要素的 JSON Schema 与各参数 / the programme, the JSON " + "Schema of its facts and its parameters")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public ProgrammeDetail get(
            @PathParam("code") @Pattern(regexp = Vocabulary.PROGRAMME_PATTERN, message = "{grantflow.programme-code}")
                    String code) {
        ProgrammeDef p = policy.programme(code)
                .orElseThrow(() -> new ProblemException(
                        404,
                        "UNKNOWN_PROGRAMME",
                        "未知项目",
                        "Unknown programme",
                        "未知的项目代码：" + Problems.echo(code),
                        "unknown programme code: " + Problems.echo(code),
                        null));
        Map<String, List<ParameterValue>> parameters = new LinkedHashMap<>();
        for (Parameter<?> parameter : p.parameters().values()) {
            parameters.put(
                    parameter.name(),
                    parameter.values().stream().map(ProgrammeResource::value).toList());
        }
        return new ProgrammeDetail(summary(p), FactsSchema.of(p), parameters);
    }

    private static ParameterValue value(DatedValue<?> v) {
        return new ParameterValue(v.from(), v.data(), v.reference(), v.isDefault());
    }

    private ProgrammeSummary summary(ProgrammeDef p) {
        return new ProgrammeSummary(
                p.code(),
                p.section(),
                p.name(),
                p.departments(),
                p.beneficiaryKinds(),
                p.flags(),
                p.administered(),
                p.reference(),
                policy.version());
    }
}
