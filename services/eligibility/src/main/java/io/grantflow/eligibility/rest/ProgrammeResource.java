package io.grantflow.eligibility.rest;

import io.grantflow.eligibility.domain.Catalogue;
import io.grantflow.eligibility.domain.Programme;
import io.grantflow.platform.rest.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** The policy catalogue, readable by every signed-in user. */
@Path("/programmes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "programmes", description = "政策项目目录 / Policy catalogue")
public class ProgrammeResource {
    private final Catalogue catalogue;

    public ProgrammeResource(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** A programme as published. */
    public record ProgrammeView(String code, String nameZh, String nameEn, String department,
                                Set<String> beneficiaryKinds, String baseFact, BigDecimal rate, BigDecimal cap,
                                String clause, String catalogueVersion) {
    }

    @GET
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(summary = "List programmes / 项目列表")
    public List<ProgrammeView> list(@QueryParam("department") String department) {
        return catalogue.programmes().stream()
                .filter(p -> department == null || p.department().equals(department))
                .map(this::view).toList();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({"enterprise", "reviewer", "finance", "operator", "admin"})
    @Operation(summary = "One programme / 单个项目")
    public ProgrammeView get(@PathParam("code") String code) {
        return catalogue.programme(code).map(this::view).orElseThrow(() -> new ProblemException(404,
                "UNKNOWN_PROGRAMME", "未知项目", "Unknown programme", "未知的项目代码：" + code,
                "Unknown programme: " + code, null));
    }

    private ProgrammeView view(Programme p) {
        return new ProgrammeView(p.code(), p.nameZh(), p.nameEn(), p.department(), p.beneficiaryKinds(),
                p.baseFact(), p.rate(), p.cap(), p.clause(), catalogue.version());
    }
}
