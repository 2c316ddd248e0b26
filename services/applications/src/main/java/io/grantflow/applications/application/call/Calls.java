package io.grantflow.applications.application.call;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.Viewer;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.audit.AuditTrail;
import io.grantflow.applications.application.procedure.Idempotency;
import io.grantflow.applications.application.procedure.ProcedureReader;
import io.grantflow.applications.application.procedure.RunProcedure;
import io.grantflow.applications.domain.call.Call;
import io.grantflow.applications.domain.call.Criterion;
import io.grantflow.applications.domain.call.Ranking;
import io.grantflow.applications.domain.procedure.Actor;
import io.grantflow.applications.domain.procedure.Procedure;
import io.grantflow.applications.domain.procedure.ProcedureState;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.applications.persistence.CallEntity;
import io.grantflow.applications.persistence.CallScoreEntity;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.Pages;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.text.Bilingual;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Calls for applications (申报批次) of the ON_MERIT programmes: a department opens one with a
 * window, an optional budget and weighted criteria; applications are accepted only inside an
 * open call; its reviewers score each application; the ranked list is cut at the budget, and the
 * funded part goes to public announcement as one announcement. Every step is in the audit trail.
 */
@ApplicationScoped
public class Calls {
    /** The states in which an application of a call may be scored: with the department, before the announcement. */
    private static final Set<ProcedureState> SCORABLE =
            EnumSet.of(ProcedureState.UNDER_REVIEW, ProcedureState.AWAITING_CONFIRMATION, ProcedureState.RECOMMENDED);
    /**
     * The states in which an application is on the call's list: from eligible to its award, so that
     * an award approved or paid after the 公示 keeps its place, its money counted, and the list
     * does not move those below the cut into the budget it took. Off the list: the withdrawn, the
     * rejected and the clawed back.
     */
    private static final Set<String> LISTED = Set.of(
            ProcedureState.ELIGIBLE.name(),
            ProcedureState.UNDER_REVIEW.name(),
            ProcedureState.CORRECTION_REQUESTED.name(),
            ProcedureState.AWAITING_CONFIRMATION.name(),
            ProcedureState.RECOMMENDED.name(),
            ProcedureState.IN_ANNOUNCEMENT.name(),
            ProcedureState.OBJECTION_RAISED.name(),
            ProcedureState.AWAITING_CITY_APPROVAL.name(),
            ProcedureState.APPROVED.name(),
            ProcedureState.PARTLY_PAID.name(),
            ProcedureState.PAID.name(),
            ProcedureState.CLOSED.name());

    private final AuditTrail audit;
    private final ObjectMapper json;
    private final RunProcedure procedures;
    private final ProcedureReader reader;

    public Calls(AuditTrail audit, ObjectMapper json, RunProcedure procedures, ProcedureReader reader) {
        this.audit = audit;
        this.json = json;
        this.procedures = procedures;
        this.reader = reader;
    }

    /** A call as the application layer hands it out. */
    public record CallRecord(
            UUID id,
            String programme,
            String department,
            Bilingual title,
            Instant opensAt,
            Instant closesAt,
            BigDecimal budget,
            List<CriterionRecord> criteria,
            String status,
            boolean accepting) {}

    public record CriterionRecord(String code, String nameZh, String nameEn, BigDecimal weight) {}

    /** One line of the ranked list. */
    public record RankedLine(
            Integer rank,
            UUID applicationId,
            String applicantId,
            String status,
            BigDecimal score,
            BigDecimal amount,
            BigDecimal cumulative,
            boolean funded) {}

    public record RankedList(CallRecord call, BigDecimal funded, List<RankedLine> lines) {}

    public Uni<CallRecord> open(
            String programme,
            String department,
            Bilingual title,
            Instant opensAt,
            Instant closesAt,
            BigDecimal budget,
            List<Criterion> criteria,
            AuditContext who,
            Idempotency.Key key) {
        Call call = Call.open(UUID.randomUUID(), programme, department, title, opensAt, closesAt, budget, criteria);
        CallEntity row = new CallEntity();
        row.id = call.id();
        row.openedBy = who.actorId();
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        write(call, row);
        return Panache.withTransaction(
                        () -> audit.append(who, "call.open", call.id().toString(), null, state(row))
                                .chain(row::persist))
                .replaceWith(() -> record(call));
    }

    public Uni<Page<CallRecord>> list(String programme, String status, PageRequest page) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (programme != null) {
            query.append(" and programme = :programme");
            params.put("programme", programme);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        return Panache.withSession(() -> {
            var found = CallEntity.<CallEntity>find(
                    query.toString(), Sort.descending("opensAt").and("id"), params);
            return Pages.of(found, page, r -> record(call(r)));
        });
    }

    public Uni<CallRecord> get(UUID id) {
        return Panache.withSession(() -> load(id)).map(r -> record(call(r)));
    }

    /** The department closes its call: no more applications. */
    public Uni<CallRecord> close(UUID id, String department, AuditContext who, Idempotency.Key key) {
        return Panache.withTransaction(() -> procedures
                .idempotency()
                .once(
                        key,
                        CallRecord.class,
                        () -> load(id).chain(row -> {
                            Call call = ofDepartment(row, department);
                            String before = state(row);
                            call.close();
                            write(call, row);
                            return audit.append(who, "call.close", id.toString(), before, state(row))
                                    .replaceWith(() -> record(call));
                        })));
    }

    /** The open calls whose window has ended at {@code now}, oldest end first, at most {@code limit}. */
    public Uni<List<UUID>> ended(Instant now, int limit) {
        return Panache.withSession(() -> CallEntity.<CallEntity>find(
                        "status = ?1 and closesAt <= ?2",
                        Sort.ascending("closesAt").and("id"),
                        Call.Status.OPEN.name(),
                        OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .page(0, limit)
                .list()
                .map(rows -> rows.stream().map(r -> r.id).toList()));
    }

    /**
     * The deadline job closes a call whose window has ended, in a transaction of its own: its
     * audit entry and the row, written on its version (a second instance closing it at the same
     * time fails on it and writes nothing). A call closed meanwhile is left as it is: false.
     */
    public Uni<Boolean> closeEnded(UUID id, Instant now, AuditContext who) {
        return Panache.withTransaction(() -> load(id).chain(row -> {
            Call call = call(row);
            if (!call.windowEndedAt(now)) {
                return Uni.createFrom().item(false);
            }
            String before = state(row);
            call.close();
            write(call, row);
            return audit.append(who, "call.close", id.toString(), before, state(row))
                    .replaceWith(true);
        }));
    }

    /** The open call that accepts an application of {@code programme} at {@code at}, if any (inside the caller's session). */
    public Uni<Optional<UUID>> accepting(String programme, Instant at) {
        return CallEntity.<CallEntity>list("programme = ?1 and status = ?2", programme, Call.Status.OPEN.name())
                .map(rows -> rows.stream()
                        .map(this::call)
                        .filter(c -> c.accepting(at))
                        .map(Call::id)
                        .findFirst());
    }

    /** A reviewer of the call's department scores an application of the call against every criterion. */
    public Uni<BigDecimal> score(
            UUID applicationId, Map<String, BigDecimal> scores, Actor reviewer, AuditContext who, Idempotency.Key key) {
        return Panache.withTransaction(() -> procedures
                .idempotency()
                .once(
                        key,
                        BigDecimal.class,
                        () -> ApplicationEntity.<ApplicationEntity>findById(applicationId)
                                .chain(app -> {
                                    if (app == null || !reviewer.department().equals(app.department)) {
                                        throw ProblemException.notFound("申请", "application", applicationId.toString());
                                    }
                                    if (app.callId == null) {
                                        throw ProblemException.conflict(
                                                "NOT_IN_A_CALL",
                                                "该申请不属于申报批次，无需评分",
                                                "The application is not part of a call");
                                    }
                                    if (!SCORABLE.contains(ProcedureState.valueOf(app.status))) {
                                        throw ProblemException.conflict(
                                                "NOT_SCORABLE",
                                                "申请当前状态不能评分（受理后、公示前可评分）",
                                                "The application can be scored once taken up and before its announcement");
                                    }
                                    return load(app.callId).chain(callRow -> {
                                        Call call = ofDepartment(callRow, reviewer.department());
                                        Call.Score score = call.score(scores);
                                        return CallScoreEntity.<CallScoreEntity>findById(applicationId)
                                                .chain(existing -> {
                                                    String before = existing == null ? null : existing.scores;
                                                    CallScoreEntity row =
                                                            existing == null ? new CallScoreEntity() : existing;
                                                    row.applicationId = applicationId;
                                                    row.callId = call.id();
                                                    row.scores = Json.write(json, score.scores());
                                                    row.total = score.total();
                                                    row.scoredBy = reviewer.id();
                                                    row.scoredAt = OffsetDateTime.now(ZoneOffset.UTC);
                                                    return audit.append(
                                                                    who,
                                                                    "application.score",
                                                                    applicationId.toString(),
                                                                    before,
                                                                    row.scores)
                                                            .chain(row::persist)
                                                            .replaceWith(score.total());
                                                });
                                    });
                                })));
    }

    /** The ranked list of the call, cut at its budget: for the department, finance, operators and admins. */
    public Uni<RankedList> ranking(UUID callId, Viewer viewer) {
        return Panache.withSession(() -> load(callId).chain(row -> {
            Call call = call(row);
            if (!viewer.seesAll() && !(viewer.isReviewer() && call.department().equals(viewer.department()))) {
                throw ProblemException.notFound("申报批次", "call", callId.toString());
            }
            return lines(call)
                    .map(lines -> new RankedList(
                            record(call),
                            lines.stream()
                                    .filter(RankedLine::funded)
                                    .map(RankedLine::amount)
                                    .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add),
                            lines));
        }));
    }

    /**
     * The funded part of the closed call's list goes to public announcement, as one announcement
     * (one transaction): each application on it must have been recommended. The call is then
     * ANNOUNCED; the rest of its applications stay with the department (to be rejected, or
     * recommended and announced later should money be left).
     */
    public Uni<RankedList> announce(UUID callId, Actor reviewer, AuditContext who, Viewer viewer, Idempotency.Key key) {
        return Panache.withTransaction(() -> procedures
                        .idempotency()
                        .once(
                                key,
                                CallRecord.class,
                                () -> load(callId).chain(row -> {
                                    Call call = ofDepartment(row, reviewer.department());
                                    String before = state(row);
                                    call.announced();
                                    return lines(call).chain(lines -> {
                                        List<RankedLine> funded = lines.stream()
                                                .filter(RankedLine::funded)
                                                .toList();
                                        List<String> notReady = funded.stream()
                                                .filter(l -> !ProcedureState.RECOMMENDED
                                                        .name()
                                                        .equals(l.status()))
                                                .map(l -> l.applicationId().toString())
                                                .toList();
                                        if (funded.isEmpty() || !notReady.isEmpty()) {
                                            throw ProblemException.conflict(
                                                            "LIST_NOT_READY",
                                                            funded.isEmpty()
                                                                    ? "名单中没有可支持的申请（均未评分或超出预算）"
                                                                    : "名单中以下申请尚未提出拟支持金额：" + String.join("，", notReady),
                                                            funded.isEmpty()
                                                                    ? "Nothing on the list is funded (unscored, or over the budget)"
                                                                    : "Not yet recommended: "
                                                                            + String.join(", ", notReady))
                                                    .with("notRecommended", notReady);
                                        }
                                        Instant now = Instant.now();
                                        write(call, row);
                                        return audit.append(who, "call.announce", callId.toString(), before, state(row))
                                                .chain(() -> Multi.createFrom()
                                                        .iterable(funded)
                                                        .onItem()
                                                        .transformToUniAndConcatenate(l -> procedures.runInTransaction(
                                                                l.applicationId(),
                                                                who,
                                                                (p, f) -> p.announce(reviewer, now)))
                                                        .collect()
                                                        .last())
                                                .replaceWith(() -> record(call));
                                    });
                                })))
                .chain(done -> ranking(callId, viewer));
    }

    private Uni<List<RankedLine>> lines(Call call) {
        return ApplicationEntity.<ApplicationEntity>list("callId", call.id())
                .chain(apps -> CallScoreEntity.<CallScoreEntity>list("callId", call.id())
                        .map(scores -> {
                            Map<UUID, BigDecimal> totals =
                                    scores.stream().collect(Collectors.toMap(s -> s.applicationId, s -> s.total));
                            Map<UUID, ApplicationEntity> byId = new LinkedHashMap<>();
                            List<Ranking.Candidate> candidates = new ArrayList<>();
                            for (ApplicationEntity a : apps) {
                                if (!LISTED.contains(a.status)) {
                                    continue;
                                }
                                byId.put(a.id, a);
                                candidates.add(new Ranking.Candidate(
                                        a.id,
                                        a.applicantId,
                                        amount(a),
                                        totals.get(a.id),
                                        (a.submittedAt == null ? a.createdAt : a.submittedAt).toInstant()));
                            }
                            return Ranking.rank(candidates, call.budget()).stream()
                                    .map(e -> new RankedLine(
                                            e.rank(),
                                            e.candidate().applicationId(),
                                            e.candidate().applicantId(),
                                            byId.get(e.candidate().applicationId()).status,
                                            e.candidate().score(),
                                            e.candidate().amount(),
                                            e.cumulative(),
                                            e.funded()))
                                    .toList();
                        }));
    }

    /** What an application would cost: its recommendation, else its evaluated ceiling. */
    private BigDecimal amount(ApplicationEntity a) {
        if (a.procedure != null) {
            Procedure p = reader.read(a.procedure);
            if (p.recommendation() != null) {
                return p.recommendation().amount();
            }
        }
        return a.ceiling;
    }

    private static Uni<CallEntity> load(UUID id) {
        return CallEntity.<CallEntity>findById(id).map(row -> {
            if (row == null) {
                throw ProblemException.notFound("申报批次", "call", id.toString());
            }
            return row;
        });
    }

    private Call ofDepartment(CallEntity row, String department) {
        if (!row.department.equals(department)) {
            // another department's call does not exist for it
            throw ProblemException.notFound("申报批次", "call", row.id.toString());
        }
        return call(row);
    }

    private Call call(CallEntity row) {
        List<CriterionRecord> stored;
        try {
            stored = json.readerFor(new TypeReference<List<CriterionRecord>>() {})
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(row.criteria);
        } catch (Exception e) {
            throw new IllegalStateException("call " + row.id + " has unreadable criteria", e);
        }
        return new Call(
                row.id,
                row.programme,
                row.department,
                Bilingual.of(row.titleZh, row.titleEn),
                row.opensAt.toInstant(),
                row.closesAt.toInstant(),
                row.budget,
                stored.stream()
                        .map(c -> new Criterion(c.code(), Bilingual.of(c.nameZh(), c.nameEn()), c.weight()))
                        .toList(),
                Call.Status.valueOf(row.status));
    }

    private void write(Call call, CallEntity row) {
        row.programme = call.programme();
        row.department = call.department();
        row.titleZh = call.title().zh();
        row.titleEn = call.title().en();
        row.opensAt = OffsetDateTime.ofInstant(call.opensAt(), ZoneOffset.UTC);
        row.closesAt = OffsetDateTime.ofInstant(call.closesAt(), ZoneOffset.UTC);
        row.budget = call.budget();
        row.criteria = Json.write(json, criteria(call));
        row.status = call.status().name();
        row.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static List<CriterionRecord> criteria(Call call) {
        return call.criteria().stream()
                .map(c -> new CriterionRecord(c.code(), c.name().zh(), c.name().en(), c.weight()))
                .toList();
    }

    private String state(CallEntity row) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", row.status);
        s.put("programme", row.programme);
        s.put("opensAt", row.opensAt.toString());
        s.put("closesAt", row.closesAt.toString());
        if (row.budget != null) {
            s.put("budget", row.budget.toPlainString());
        }
        return Json.write(json, s);
    }

    private CallRecord record(Call call) {
        return new CallRecord(
                call.id(),
                call.programme(),
                call.department(),
                call.title(),
                call.opensAt(),
                call.closesAt(),
                call.budget(),
                criteria(call),
                call.status().name(),
                call.accepting(Instant.now()));
    }
}
