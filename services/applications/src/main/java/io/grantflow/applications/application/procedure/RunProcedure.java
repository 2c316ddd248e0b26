package io.grantflow.applications.application.procedure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.ApplicationQueries;
import io.grantflow.applications.application.ApplicationRecord;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.audit.AuditTrail;
import io.grantflow.applications.application.profile.PayeeSnapshots;
import io.grantflow.applications.domain.calendar.WorkingDayCalendar;
import io.grantflow.applications.domain.procedure.Procedure;
import io.grantflow.applications.domain.procedure.ProcedureEvent;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.applications.persistence.ApplicationHistoryEntity;
import io.grantflow.applications.persistence.ProcedureJson;
import io.grantflow.applications.persistence.ProcedureRows;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.text.Bilingual;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs one command of the procedure on a stored application, in one transaction: the procedure
 * is restored from its row, the command applied (the domain checks who may and in which state),
 * and for each event it raised an audit entry, a history line and the messages of
 * {@link ProcedureMessages} go into the same transaction as the new state (transactional
 * outbox). Two commands on one application at once: the row's version lets one commit and the
 * other fail with 409 CONCURRENT_CHANGE.
 */
@ApplicationScoped
public class RunProcedure {
    private final AuditTrail audit;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final ProcedureJson codec;
    private final WorkingDayCalendar calendar;
    private final Idempotency idempotency;
    private final PayeeSnapshots payees;

    public RunProcedure(
            AuditTrail audit,
            Outbox outbox,
            ObjectMapper json,
            ProcedureJson codec,
            WorkingDayCalendar calendar,
            Idempotency idempotency,
            PayeeSnapshots payees) {
        this.audit = audit;
        this.outbox = outbox;
        this.json = json;
        this.codec = codec;
        this.calendar = calendar;
        this.idempotency = idempotency;
        this.payees = payees;
    }

    /** A command: what it does to the procedure (and, for a correction or a submission, to the file's own fields). */
    @FunctionalInterface
    public interface Command {
        void apply(Procedure procedure, File file);
    }

    /** What a command may change of the application beside its procedure. */
    public interface File {
        String programme();

        /** The facts as stored (a JSON object). */
        String factsJson();

        void replaceFacts(String factsJson);

        void markSubmitted(Instant at);

        /** The evaluation's limits and staging plan (JSON), kept for the reservation an approval asks for. */
        void evaluationPlan(String limitsJson, String stagingJson);
    }

    private record RowFile(ApplicationEntity row) implements File {
        @Override
        public String programme() {
            return row.programme;
        }

        @Override
        public String factsJson() {
            return row.facts;
        }

        @Override
        public void replaceFacts(String factsJson) {
            row.facts = factsJson;
        }

        @Override
        public void markSubmitted(Instant at) {
            row.submittedAt = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        }

        @Override
        public void evaluationPlan(String limitsJson, String stagingJson) {
            row.limits = limitsJson;
            row.staging = stagingJson;
        }
    }

    public WorkingDayCalendar calendar() {
        return calendar;
    }

    public Idempotency idempotency() {
        return idempotency;
    }

    /**
     * Runs {@code command} on application {@code id} in its own transaction.
     *
     * @param visible whether the caller may know the application at all; one it may not is 404
     * @param key     the request's Idempotency-Key, or null
     */
    public Uni<ApplicationRecord> run(
            UUID id, Predicate<ApplicationRecord> visible, AuditContext who, Idempotency.Key key, Command command) {
        return run(id, visible, who, key, command, row -> Uni.createFrom().voidItem());
    }

    /** As {@link #run(UUID, Predicate, AuditContext, Idempotency.Key, Command)}, then {@code after} in the same transaction. */
    public Uni<ApplicationRecord> run(
            UUID id,
            Predicate<ApplicationRecord> visible,
            AuditContext who,
            Idempotency.Key key,
            Command command,
            Function<ApplicationEntity, Uni<Void>> after) {
        return Panache.withTransaction(() -> idempotency.once(
                key,
                ApplicationRecord.class,
                () -> load(id, visible)
                        .chain(row -> apply(row, who, command))
                        .chain(row -> after.apply(row).replaceWith(row))
                        .map(ApplicationQueries::toRecord)));
    }

    /** Runs {@code command} inside the caller's transaction (a consumer's inbox, the deadline job). */
    public Uni<ApplicationEntity> runInTransaction(UUID id, AuditContext who, Command command) {
        return load(id, row -> true).chain(row -> apply(row, who, command));
    }

    /** Stores a new procedure (a draft, or a draft submitted at once) with its events. */
    public Uni<ApplicationEntity> create(Procedure procedure, ApplicationEntity row, AuditContext who) {
        return record(procedure, row, null, who).replaceWith(row);
    }

    private static Uni<ApplicationEntity> load(UUID id, Predicate<ApplicationRecord> visible) {
        return ApplicationEntity.<ApplicationEntity>findById(id).map(row -> {
            if (row == null || !visible.test(ApplicationQueries.toRecord(row))) {
                throw ProblemException.notFound("申请", "application", id.toString());
            }
            return row;
        });
    }

    private Uni<ApplicationEntity> apply(ApplicationEntity row, AuditContext who, Command command) {
        String before = state(row);
        Procedure procedure = ProcedureRows.load(row, codec, calendar);
        command.apply(procedure, new RowFile(row));
        return record(procedure, row, before, who).replaceWith(row);
    }

    /**
     * Writes the procedure's pending events: per event its audit entry (the first locks the
     * chain's head before any of the change's rows is written, the lock order of every writer),
     * its history line and its messages; then the row.
     */
    private Uni<Void> record(Procedure procedure, ApplicationEntity row, String before, AuditContext who) {
        List<ProcedureEvent> events = procedure.drainEvents();
        ProcedureRows.store(procedure, row, codec);
        MessageContext context = new MessageContext(procedure.id().toString(), null);
        List<ApplicationHistoryEntity> lines =
                events.stream().map(e -> history(e)).toList();
        // each event's entry goes from the state before it to the state it reached: a draft submitted
        // at once is two entries, DRAFT then SUBMITTED, the second starting where the first ended
        List<String[]> states = new ArrayList<>();
        String previous = before;
        for (ProcedureEvent event : events) {
            String reached = state(row, event.header().to().name());
            states.add(new String[] {previous, reached});
            previous = reached;
        }
        AtomicInteger next = new AtomicInteger();
        return Multi.createFrom()
                .iterable(events)
                .onItem()
                .transformToUniAndConcatenate(event -> {
                    String[] change = states.get(next.getAndIncrement());
                    return audit.append(
                                    who,
                                    "application."
                                            + event.header().command().code().replace('_', '-'),
                                    procedure.id().toString(),
                                    change[0],
                                    change[1])
                            .chain(() -> Multi.createFrom()
                                    .iterable(ProcedureMessages.of(event, procedure, row, json))
                                    .onItem()
                                    .transformToUniAndConcatenate(m -> payees.fill(m, procedure.applicantId())
                                            .chain(filled -> outbox.add(
                                                    filled, procedure.id().toString(), context)))
                                    .collect()
                                    .last());
                })
                .collect()
                .last()
                // the row before its history lines, which refer to it
                .chain(row::persist)
                .chain(() -> Multi.createFrom()
                        .iterable(lines)
                        .onItem()
                        .transformToUniAndConcatenate(line -> line.persist())
                        .collect()
                        .last())
                .replaceWithVoid();
    }

    private static ApplicationHistoryEntity history(ProcedureEvent event) {
        ProcedureEvent.Header h = event.header();
        ApplicationHistoryEntity history = new ApplicationHistoryEntity();
        history.applicationId = h.applicationId();
        history.fromStatus = h.from() == null ? null : h.from().name();
        history.toStatus = h.to().name();
        history.command = h.command().code();
        history.actor = h.actor().id();
        Bilingual note = ProcedureMessages.reasons(event);
        history.note = note == null ? null : note.zh();
        history.noteEn = note == null ? null : note.en();
        history.at = OffsetDateTime.ofInstant(h.at(), ZoneOffset.UTC);
        return history;
    }

    /**
     * The state the audit trail records before and after a change, as JSON: the state, the
     * amounts (text, two decimals), department, claimant, reservation and reasons; absent members
     * left out.
     */
    private String state(ApplicationEntity row) {
        return row.status == null ? null : state(row, row.status);
    }

    private String state(ApplicationEntity row, String status) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", status);
        put(state, "ceiling", row.ceiling);
        put(state, "department", row.department);
        put(state, "claimedBy", row.claimedBy);
        put(state, "approvedAmount", row.approvedAmount);
        put(state, "paidAmount", row.paidAmount);
        put(state, "reservationId", row.reservationId);
        put(state, "reasonZh", row.reasonZh);
        put(state, "reasonEn", row.reasonEn);
        return Json.write(json, state);
    }

    private static void put(Map<String, Object> state, String name, Object value) {
        if (value != null) {
            state.put(name, value instanceof BigDecimal amount ? amount.toPlainString() : value.toString());
        }
    }
}
