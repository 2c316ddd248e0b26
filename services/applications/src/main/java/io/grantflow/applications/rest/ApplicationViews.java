package io.grantflow.applications.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.AcceptedCommitment;
import io.grantflow.applications.application.ApplicationRecord;
import io.grantflow.applications.application.Viewer;
import io.grantflow.applications.application.procedure.ProcedureReader;
import io.grantflow.applications.domain.procedure.CorrectionItem;
import io.grantflow.applications.domain.procedure.Procedure;
import io.grantflow.applications.domain.procedure.ProcedureCommand;
import io.grantflow.applications.domain.procedure.ProcedureState;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An application as its readers see it over REST, its procedure included. */
@ApplicationScoped
public class ApplicationViews {
    private final ObjectMapper json;
    private final ProcedureReader reader;

    public ApplicationViews(ObjectMapper json, ProcedureReader reader) {
        this.json = json;
        this.reader = reader;
    }

    /** An application as its readers see it. */
    public record ApplicationView(
            UUID id,
            String applicantId,
            String programme,
            String district,
            Map<String, Object> facts,
            String status,
            String statusZh,
            String statusEn,
            BigDecimal ceiling,
            String department,
            BigDecimal approvedAmount,
            BigDecimal paidAmount,
            String reasonZh,
            String reasonEn,
            OffsetDateTime createdAt,
            OffsetDateTime submittedAt,
            OffsetDateTime updatedAt,
            ProcedureView procedure,

            @Schema(
                    description = "所接受的信用承诺书版本（仅单个申请详情返回；列表与命令应答中为空） / The credit "
                            + "commitment accepted with the submission or the offer's confirmation (only in "
                            + "GET /applications/{id}; null in lists and command answers, and while none was accepted)")
            AcceptedCommitmentView commitment) {}

    /**
     * The credit commitment accepted: its version (GET /credit-commitments/{version} serves the
     * text) and the SHA-256 of the text as served then.
     */
    public record AcceptedCommitmentView(
            String version, String textSha256, String acceptedBy, OffsetDateTime acceptedAt) {}

    /**
     * Where the application stands in the procedure.
     *
     * @param allowedCommands the commands its state accepts (who may give each is checked when given)
     * @param reviewDue       the review's last day while the department's clock runs
     * @param reviewDueProvisional the count crossed a year whose State Council holiday notice is not
     *                        in the calendar yet (statutory days only): the day may still move
     * @param reviewWorkingDaysLeft working days the department has left (negative once late)
     */
    public record ProcedureView(
            long version,
            List<String> allowedCommands,
            List<String> allowedNext,
            String claimedBy,
            LocalDate reviewDue,
            Boolean reviewDueProvisional,
            Integer reviewWorkingDaysLeft,
            boolean reviewOverdue,
            CorrectionView correction,
            RecommendationView recommendation,
            AnnouncementView announcement,
            int openObjections,
            BudgetRefusalView lastBudgetRefusal) {}

    /** The open correction notice (补正通知): its number (named by the answer) and every item. */
    public record CorrectionView(int number, List<CorrectionItemView> items, OffsetDateTime requestedAt) {}

    public record CorrectionItemView(String field, String problem, String explanationZh, String explanationEn) {}

    public record RecommendationView(
            BigDecimal amount,
            String reasonsZh,
            String reasonsEn,
            String recommendedBy,
            boolean needsConfirmation,
            String confirmedBy,
            String overrideKind) {}

    public record AnnouncementView(
            LocalDate firstDay, LocalDate lastDay, OffsetDateTime closesAt, boolean provisional) {}

    public record BudgetRefusalView(
            String code,
            String account,
            BigDecimal headroom,
            BigDecimal requested,
            String messageZh,
            String messageEn) {}

    public ApplicationView view(ApplicationRecord row, Viewer viewer) {
        return view(row, null, viewer);
    }

    /** With the credit commitment accepted ({@code commitment} may be null). */
    public ApplicationView view(ApplicationRecord row, AcceptedCommitment commitment, Viewer viewer) {
        Map<String, Object> facts;
        try {
            facts = json.readValue(row.factsJson(), new TypeReference<>() {});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ProcedureState state = ProcedureState.valueOf(row.status());
        return new ApplicationView(
                row.id(),
                row.applicantId(),
                row.programme(),
                row.district(),
                facts,
                row.status(),
                state.label().zh(),
                state.label().en(),
                row.ceiling(),
                row.department(),
                row.approvedAmount(),
                row.paidAmount(),
                row.reasonZh(),
                row.reasonEn(),
                row.createdAt(),
                row.submittedAt(),
                row.updatedAt(),
                row.procedureJson() == null ? null : procedure(row.procedureJson(), viewer),
                commitment == null
                        ? null
                        : new AcceptedCommitmentView(
                                commitment.version(),
                                commitment.textSha256(),
                                commitment.acceptedBy(),
                                commitment.acceptedAt()));
    }

    private ProcedureView procedure(String stored, Viewer viewer) {
        Procedure p = reader.read(stored);
        Instant now = Instant.now();
        // the enterprise sees that its file is with the department, not who has it or the budget's accounts
        boolean official = viewer == null || !viewer.isEnterprise() || viewer.isReviewer();
        var correction = p.openCorrection() == null
                ? null
                : new CorrectionView(
                        p.openCorrection().number(),
                        p.openCorrection().items().stream()
                                .map(i -> new CorrectionItemView(
                                        i.field(),
                                        i.problem() == CorrectionItem.Problem.MISSING ? "MISSING" : "WRONG",
                                        i.explanation().zh(),
                                        i.explanation().en()))
                                .toList(),
                        OffsetDateTime.ofInstant(p.openCorrection().requestedAt(), ZoneOffset.UTC));
        var r = p.recommendation();
        var recommendation = r == null
                ? null
                : new RecommendationView(
                        r.amount(),
                        r.reasons().zh(),
                        r.reasons().en(),
                        official ? r.recommendedBy() : null,
                        r.needsConfirmation(),
                        official ? r.confirmedBy() : null,
                        r.override() == null ? null : r.override().kind().name());
        var a = p.announcement();
        var announcement = a == null
                ? null
                : new AnnouncementView(
                        a.firstDay(),
                        a.lastDay(),
                        OffsetDateTime.ofInstant(a.closesAt(), ZoneOffset.UTC),
                        a.provisional());
        var b = p.lastBudgetRefusal();
        var refusal = b == null || !official
                ? null
                : new BudgetRefusalView(
                        b.code(),
                        b.account(),
                        b.headroom(),
                        b.requested(),
                        b.message().zh(),
                        b.message().en());
        boolean clockRuns = p.state().reviewClockRuns();
        return new ProcedureView(
                p.version(),
                p.allowedCommands().stream().map(ProcedureCommand::code).toList(),
                p.allowedNext().stream().map(ProcedureState::name).toList(),
                official ? p.claimedBy() : null,
                clockRuns ? p.reviewDeadline().map(d -> d.lastDay()).orElse(null) : null,
                clockRuns ? p.reviewDeadline().map(d -> d.provisional()).orElse(null) : null,
                clockRuns ? p.reviewWorkingDaysLeft(now).orElse(null) : null,
                p.reviewOverdue(now),
                correction,
                recommendation,
                announcement,
                p.objections().size(),
                refusal);
    }
}
