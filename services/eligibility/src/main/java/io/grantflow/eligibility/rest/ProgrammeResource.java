package io.grantflow.eligibility.rest;

import io.grantflow.eligibility.domain.catalogue.DatedValue;
import io.grantflow.eligibility.domain.catalogue.FactDef;
import io.grantflow.eligibility.domain.catalogue.Parameter;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import io.grantflow.eligibility.domain.catalogue.Text;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    public record ProgrammeSummary(String code, int section, Text name, List<String> departments,
                                   List<String> beneficiaryKinds, List<String> flags, boolean administered,
                                   String reference, String catalogueVersion) {
    }

    /** A parameter value with its date and clause. */
    public record ParameterValue(LocalDate from, Object value, String reference, boolean isDefault) {
    }

    /** One programme with the JSON Schema of its facts, so a front end can render its form. */
    public record ProgrammeDetail(ProgrammeSummary programme, Map<String, Object> factsSchema,
                                  Map<String, List<ParameterValue>> parameters) {
    }

    @GET
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(summary = "List programmes, filtered by department, beneficiary kind or section / 项目列表")
    public List<ProgrammeSummary> list(@QueryParam("department") String department,
                                       @QueryParam("beneficiaryKind") String kind,
                                       @QueryParam("section") String sectionParam) {
        Integer section = QueryParams.integer("section", sectionParam);
        return policy.allProgrammes().stream()
                .filter(p -> department == null || p.departments().contains(department))
                .filter(p -> kind == null || p.beneficiaryKinds().contains(kind))
                .filter(p -> section == null || p.section() == section)
                .sorted(Comparator.comparingInt(ProgrammeDef::section).thenComparing(ProgrammeDef::code))
                .map(this::summary).toList();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(summary = "One programme with the schema of its facts / 单个项目及申报要素")
    public ProgrammeDetail get(@PathParam("code") String code) {
        ProgrammeDef p = policy.programme(code).orElseThrow(() -> new ProblemException(404, "UNKNOWN_PROGRAMME",
                "未知项目", "Unknown programme", "未知的项目代码：" + code, "Unknown programme: " + code, null));
        Map<String, List<ParameterValue>> parameters = new LinkedHashMap<>();
        for (Parameter parameter : p.parameters().values()) {
            parameters.put(parameter.name(), parameter.values().stream().map(ProgrammeResource::value).toList());
        }
        return new ProgrammeDetail(summary(p), factsSchema(p), parameters);
    }

    private static ParameterValue value(DatedValue v) {
        return new ParameterValue(v.from(), v.value(), v.reference(), v.isDefault());
    }

    private ProgrammeSummary summary(ProgrammeDef p) {
        return new ProgrammeSummary(p.code(), p.section(), p.name(), p.departments(), p.beneficiaryKinds(), p.flags(),
                p.administered(), p.reference(), policy.version());
    }

    /** JSON Schema (2020-12) of the facts object of an application for this programme. */
    static Map<String, Object> factsSchema(ProgrammeDef p) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (FactDef f : p.facts()) {
            Map<String, Object> property = new LinkedHashMap<>();
            switch (f.type()) {
                case MONEY -> {
                    property.put("type", "number");
                    property.put("minimum", 0);
                    property.put("multipleOf", 0.01);
                    property.put("x-unit", "CNY");
                }
                case DECIMAL -> {
                    property.put("type", "number");
                    property.put("minimum", 0);
                }
                case INTEGER -> {
                    property.put("type", "integer");
                    property.put("minimum", 0);
                }
                case BOOLEAN -> property.put("type", "boolean");
                case ENUM -> {
                    property.put("type", "string");
                    if (f.values() != null) {
                        property.put("enum", f.values());
                    }
                }
                case TEXT -> property.put("type", "string");
                case LIST -> {
                    property.put("type", "array");
                    property.put("items", Map.of("type", "string"));
                }
            }
            property.put("title", f.description().zh());
            property.put("description", f.description().en());
            properties.put(f.name(), property);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", p.name().zh() + " / " + p.name().en());
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", p.facts().stream().filter(FactDef::required).map(FactDef::name).toList());
        return schema;
    }
}
