package io.grantflow.applications.application.offer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.procedure.Idempotency;
import io.grantflow.applications.application.procedure.ProcedureConfig;
import io.grantflow.applications.application.procedure.RunProcedure;
import io.grantflow.applications.domain.procedure.Actor;
import io.grantflow.applications.domain.procedure.Procedure;
import io.grantflow.applications.domain.procedure.ProcedureState;
import io.grantflow.applications.persistence.ApplicantProfileEntity;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.applications.persistence.GovernmentRecordEntity;
import io.grantflow.applications.persistence.RecordImportEntity;
import io.grantflow.contracts.events.ProactiveOffer;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.json.Json;
import io.grantflow.platform.rest.FieldError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * 免申即享 (ADR 0020): a partner agency imports government records (honour lists, filings,
 * first-time qualifications); each record of a programme the catalogue says such a record
 * proves becomes an offer, an application in state SCREENING that eligibility evaluates like a
 * submission (award history, first-time rules), so that the amount and its clause-cited
 * explanation come from the rules engine.
 *
 * <p>Each record has a natural key (source, kind, programme, credit code, date, the record's own
 * number), unique in {@code government_record}: a record imported again is a duplicate and
 * creates nothing. A record is refused, with its reasons, when its content is wrong, when the
 * programme is not one its kind proves or not the agency's department's, or while the enterprise
 * has an application of that programme still open (a second offer could award a first-time
 * award twice before the first one's approval reaches the award history).
 *
 * <p>The records are written in chunks, each its own transaction (the audit chain's lock is
 * released between them, so the service's other commands are not held up by a long import); a
 * chunk that meets a record a concurrent import wrote meanwhile is retried once and then sees it
 * as a duplicate. The report is stored under the request's Idempotency-Key at the end.
 */
@ApplicationScoped
public class RecordImports {
    private static final Logger LOG = Logger.getLogger(RecordImports.class);

    /** At most this many records in one import (the benchmark's 10,000). */
    public static final int MAX_RECORDS = 10_000;

    /** Records per transaction. */
    static final int CHUNK = 500;

    /** States in which an application of the same programme no longer stands in a new offer's way. */
    private static final Set<String> ENDED = Set.of(
            ProcedureState.INELIGIBLE.name(),
            ProcedureState.WITHDRAWN.name(),
            ProcedureState.REJECTED.name(),
            ProcedureState.OFFER_DECLINED.name(),
            ProcedureState.DRAFT.name());

    private static final TypeReference<List<Map<String, Object>>> CONTACTS = new TypeReference<>() {};

    private final RunProcedure procedures;
    private final ProcedureConfig config;
    private final ProgrammeDirectory directory;
    private final ObjectMapper json;

    public RecordImports(
            RunProcedure procedures, ProcedureConfig config, ProgrammeDirectory directory, ObjectMapper json) {
        this.procedures = procedures;
        this.config = config;
        this.directory = directory;
        this.json = json;
    }

    /** One record as the agency sent it (a JSON array item or a CSV line); texts unparsed, so that a row can be refused. */
    public record ImportedRecord(
            String creditCode,
            String enterpriseName,
            String recordKind,
            String programme,
            String source,
            String recordDate,
            String recordRef,
            String district,
            Map<String, Object> facts) {}

    /** What became of one record. */
    public enum Outcome {
        CREATED,
        DUPLICATE,
        REFUSED
    }

    /**
     * One line of the report: the record's index in the file (0-based), what became of it, the
     * offer it made (or, for a duplicate, the one it made before), and why it was refused.
     */
    public record RowReport(
            int index,
            Outcome outcome,
            String creditCode,
            String programme,
            UUID applicationId,
            List<FieldError> errors) {}

    /** The import's report. */
    public record Report(
            UUID importId,
            String format,
            int records,
            int created,
            int duplicates,
            int refused,
            Instant importedAt,
            List<RowReport> rows) {}

    /** A record that passed the checks of its content, to be written unless it is a duplicate. */
    private record Candidate(
            int index,
            ImportedRecord record,
            LocalDate date,
            String ref,
            Map<String, Object> facts,
            String applicantProgramme,
            String naturalKey) {}

    /** Imports {@code records}, sent by {@code agency} (a reviewer of a department, or its agency client). */
    public Uni<Report> importRecords(
            List<ImportedRecord> records, String format, Actor agency, AuditContext who, Idempotency.Key key) {
        return procedures
                .idempotency()
                .answered(key, Report.class)
                .chain(done ->
                        done.isPresent() ? Uni.createFrom().item(done.get()) : run(records, format, agency, who, key));
    }

    private Uni<Report> run(
            List<ImportedRecord> records, String format, Actor agency, AuditContext who, Idempotency.Key key) {
        Instant now = Instant.now();
        UUID importId = UUID.randomUUID();
        RowReport[] rows = new RowReport[records.size()];
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Integer> firstOfKey = new HashMap<>();
        LocalDate today = LocalDate.now(Vocabulary.POLICY_ZONE);
        for (int i = 0; i < records.size(); i++) {
            ImportedRecord r = records.get(i);
            List<FieldError> errors = new ArrayList<>();
            Candidate c = check(i, r, agency, today, errors);
            if (c == null) {
                rows[i] = new RowReport(i, Outcome.REFUSED, r.creditCode(), r.programme(), null, List.copyOf(errors));
            } else if (firstOfKey.containsKey(c.naturalKey())) {
                // the same record twice in one file: the first one counts
                rows[i] = new RowReport(i, Outcome.DUPLICATE, r.creditCode(), r.programme(), null, List.of());
            } else {
                firstOfKey.put(c.naturalKey(), i);
                candidates.add(c);
            }
        }
        RecordImportEntity head = new RecordImportEntity();
        head.id = importId;
        head.importedBy = who.actorId();
        head.department = agency.department() == null ? "" : agency.department();
        head.format = format;
        head.records = records.size();
        head.importedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        List<List<Candidate>> chunks = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i += CHUNK) {
            chunks.add(candidates.subList(i, Math.min(candidates.size(), i + CHUNK)));
        }
        // applicant|programme of the offers this import made, so that one file cannot offer the same twice
        Set<String> offered = new HashSet<>();
        // an import whose every record is refused or repeated within the file writes nothing (but its key)
        Uni<Void> started = candidates.isEmpty()
                ? Uni.createFrom().voidItem()
                : Panache.withTransaction(() -> head.persist()).replaceWithVoid();
        return started.chain(() -> Multi.createFrom()
                        .iterable(chunks)
                        .onItem()
                        .transformToUniAndConcatenate(chunk -> chunk(chunk, importId, agency, who, now, offered)
                                .onFailure(RecordImports::uniqueViolation)
                                .recoverWithUni(() -> {
                                    LOG.infof(
                                            "import %s: a chunk met records written meanwhile; retrying it", importId);
                                    return chunk(chunk, importId, agency, who, now, offered);
                                })
                                .invoke(done -> done.forEach(row -> rows[row.index()] = row)))
                        .collect()
                        .asList())
                .chain(() -> {
                    List<RowReport> all = List.of(rows);
                    int created = count(all, Outcome.CREATED);
                    int duplicates = count(all, Outcome.DUPLICATE);
                    int refused = count(all, Outcome.REFUSED);
                    Report report =
                            new Report(importId, format, records.size(), created, duplicates, refused, now, all);
                    return Panache.withTransaction(() -> procedures
                            .idempotency()
                            .once(
                                    key,
                                    Report.class,
                                    () -> candidates.isEmpty()
                                            ? Uni.createFrom().item(report)
                                            : RecordImportEntity.<RecordImportEntity>findById(importId)
                                                    .chain(stored -> {
                                                        stored.created = created;
                                                        stored.duplicates = duplicates;
                                                        stored.refused = refused;
                                                        return stored.persist();
                                                    })
                                                    .replaceWith(report)));
                });
    }

    private static int count(List<RowReport> rows, Outcome outcome) {
        return (int) rows.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** One chunk in one transaction: duplicates and open applications found, then one offer per record. */
    private Uni<List<RowReport>> chunk(
            List<Candidate> chunk, UUID importId, Actor agency, AuditContext who, Instant now, Set<String> offered) {
        List<String> codes =
                chunk.stream().map(c -> c.record().creditCode()).distinct().toList();
        Set<String> offeredHere = new HashSet<>();
        return Panache.withTransaction(() -> GovernmentRecordEntity.<GovernmentRecordEntity>list(
                                "creditCode in ?1", codes)
                        .chain(existing -> ApplicationEntity.<ApplicationEntity>list(
                                        "applicantId in ?1 and status not in ?2", codes, ENDED)
                                .chain(open -> ApplicantProfileEntity.<ApplicantProfileEntity>list(
                                                "creditCode in ?1", codes)
                                        .chain(profiles -> {
                                            Map<String, UUID> known = new HashMap<>();
                                            for (GovernmentRecordEntity g : existing) {
                                                known.put(
                                                        naturalKey(
                                                                g.source,
                                                                g.recordKind,
                                                                g.programme,
                                                                g.creditCode,
                                                                g.recordDate,
                                                                g.recordRef),
                                                        g.applicationId);
                                            }
                                            Set<String> busy = new HashSet<>();
                                            open.forEach(a -> busy.add(a.applicantId + "|" + a.programme));
                                            Map<String, String> emails = new HashMap<>();
                                            profiles.forEach(p -> emails.put(p.creditCode, email(p)));
                                            List<RowReport> done = new ArrayList<>();
                                            List<Uni<Void>> writes = new ArrayList<>();
                                            for (Candidate c : chunk) {
                                                ImportedRecord r = c.record();
                                                UUID before = known.get(c.naturalKey());
                                                if (before != null) {
                                                    done.add(new RowReport(
                                                            c.index(),
                                                            Outcome.DUPLICATE,
                                                            r.creditCode(),
                                                            r.programme(),
                                                            before,
                                                            List.of()));
                                                    continue;
                                                }
                                                if (busy.contains(c.applicantProgramme())
                                                        || offered.contains(c.applicantProgramme())
                                                        || !offeredHere.add(c.applicantProgramme())) {
                                                    done.add(new RowReport(
                                                            c.index(),
                                                            Outcome.REFUSED,
                                                            r.creditCode(),
                                                            r.programme(),
                                                            null,
                                                            List.of(new FieldError(
                                                                    "programme",
                                                                    "APPLICATION_OPEN",
                                                                    "该企业已有本项目尚未办结的申请或待确认的免申即享，办结后可再次导入",
                                                                    "The enterprise has an application or offer of this programme"
                                                                            + " still open; import the record again once it is"
                                                                            + " settled"))));
                                                    continue;
                                                }
                                                UUID id = UUID.randomUUID();
                                                done.add(new RowReport(
                                                        c.index(),
                                                        Outcome.CREATED,
                                                        r.creditCode(),
                                                        r.programme(),
                                                        id,
                                                        List.of()));
                                                writes.add(offer(
                                                        c, id, importId, agency, who, now, emails.get(r.creditCode())));
                                            }
                                            // one after the other: the session is not shared by concurrent operations
                                            return Multi.createFrom()
                                                    .iterable(writes)
                                                    .onItem()
                                                    .transformToUniAndConcatenate(w -> w)
                                                    .collect()
                                                    .asList()
                                                    .replaceWith(done);
                                        }))))
                .invoke(() -> offered.addAll(offeredHere));
    }

    /** The offer of one record: its application (through the procedure: audit, history, outbox) and the record. */
    private Uni<Void> offer(
            Candidate c, UUID id, UUID importId, Actor agency, AuditContext who, Instant now, String email) {
        ImportedRecord r = c.record();
        UUID recordId = UUID.randomUUID();
        return Uni.createFrom().deferred(() -> {
            Procedure procedure = Procedure.offer(
                    id,
                    r.creditCode(),
                    r.programme(),
                    config.settingsFor(r.programme()),
                    recordId,
                    agency,
                    now,
                    procedures.calendar());
            ApplicationEntity row = new ApplicationEntity();
            row.id = id;
            row.applicantId = r.creditCode();
            row.applicantKind = Vocabulary.ENTERPRISE;
            row.district = r.district();
            row.programme = r.programme();
            row.facts = Json.write(json, c.facts());
            row.contactEmail = email;
            row.submittedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            GovernmentRecordEntity g = new GovernmentRecordEntity();
            g.id = recordId;
            g.source = r.source().strip();
            g.recordKind = r.recordKind();
            g.programme = r.programme();
            g.creditCode = r.creditCode();
            g.recordDate = c.date();
            g.recordRef = c.ref();
            g.enterpriseName = r.enterpriseName().strip();
            g.district = r.district();
            g.facts = Json.write(json, r.facts() == null ? Map.of() : r.facts());
            g.importId = importId;
            g.applicationId = id;
            g.importedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            return procedures
                    .create(procedure, row, who)
                    .chain(() -> g.persist())
                    .replaceWithVoid();
        });
    }

    /** The checks of one record's content; null (with {@code errors}) when it is refused. */
    private Candidate check(int index, ImportedRecord r, Actor agency, LocalDate today, List<FieldError> errors) {
        if (r == null) {
            errors.add(new FieldError("record", "REQUIRED", "记录为空", "the record is empty"));
            return null;
        }
        if (blank(r.creditCode()) || !SocialCreditCode.isValid(r.creditCode())) {
            errors.add(new FieldError(
                    "creditCode",
                    "INVALID_CREDIT_CODE",
                    "统一社会信用代码无效（18位，校验位须正确）",
                    "not a valid unified social credit code (18 characters with a correct check character)"));
        }
        if (blank(r.enterpriseName())) {
            errors.add(new FieldError("enterpriseName", "REQUIRED", "企业名称必填", "the enterprise's name is required"));
        }
        if (blank(r.source())) {
            errors.add(new FieldError(
                    "source", "REQUIRED", "须写明记录来源（发布机关或名单）", "the record's source (issuer or list) is required"));
        }
        if (blank(r.district()) || !Vocabulary.DISTRICT_CODES.contains(r.district())) {
            errors.add(new FieldError(
                    "district",
                    "UNKNOWN_DISTRICT",
                    "地区须为 " + Vocabulary.DISTRICT_CODES + " 之一",
                    "the district is one of " + Vocabulary.DISTRICT_CODES));
        }
        LocalDate date = null;
        if (blank(r.recordDate())) {
            errors.add(new FieldError("recordDate", "REQUIRED", "记录日期必填（YYYY-MM-DD）", "the record's date is required"));
        } else {
            try {
                date = LocalDate.parse(r.recordDate().strip());
                if (date.isAfter(today)) {
                    errors.add(new FieldError(
                            "recordDate", "DATE_IN_FUTURE", "记录日期不能晚于今天", "the record's date is after today"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(
                        "recordDate", "INVALID_DATE", "记录日期格式须为 YYYY-MM-DD", "the record's date is YYYY-MM-DD"));
            }
        }
        if (blank(r.recordKind()) || !ProactiveOffer.RECORD_KINDS.contains(r.recordKind())) {
            errors.add(new FieldError(
                    "recordKind",
                    "UNKNOWN_RECORD_KIND",
                    "记录类型须为 " + ProactiveOffer.RECORD_KINDS + " 之一",
                    "the record kind is one of " + ProactiveOffer.RECORD_KINDS));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        var programme = directory.find(r.programme());
        if (programme.isEmpty()) {
            errors.add(new FieldError(
                    "programme", "UNKNOWN_PROGRAMME", "政策目录中没有该项目", "no such programme in the policy catalogue"));
        } else if (programme.get().proactive() == null || !programme.get().administered()) {
            errors.add(new FieldError(
                    "programme",
                    "NOT_PROVEN_BY_RECORDS",
                    "该项目不适用免申即享（政策目录未标明可由政府记录证明）",
                    "The catalogue marks no government record that proves this programme: no proactive offer"));
        } else if (r.recordKind() != null && !programme.get().provenBy(r.recordKind())) {
            errors.add(new FieldError(
                    "recordKind",
                    "WRONG_RECORD_KIND",
                    "该项目由“" + programme.get().proactive().recordKind() + "”类记录证明",
                    "This programme is proven by a record of kind "
                            + programme.get().proactive().recordKind()));
        } else if (agency.department() == null || !programme.get().departments().contains(agency.department())) {
            errors.add(new FieldError(
                    "programme",
                    "PROGRAMME_OF_ANOTHER_DEPARTMENT",
                    "该项目不属于本机构所在部门，不能由本机构导入",
                    "The programme is not your department's: another agency imports its records"));
        } else {
            ProactiveOffer proactive = programme.get().proactive();
            Map<String, Object> given = r.facts() == null ? Map.of() : r.facts();
            for (String name : given.keySet()) {
                if (!proactive.recordFacts().contains(name)) {
                    errors.add(new FieldError(
                            "facts." + name,
                            "FACT_NOT_IN_RECORD",
                            "此类记录不含该要素（记录要素：" + proactive.recordFacts() + "）",
                            "a record of this kind does not carry this fact (it carries " + proactive.recordFacts()
                                    + ")"));
                }
            }
            facts.putAll(given);
            facts.putAll(proactive.presetFacts());
            if (errors.isEmpty()) {
                errors.addAll(directory.checkFacts(programme.get(), facts, "facts"));
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        String ref = r.recordRef() == null ? "" : r.recordRef().strip();
        String source = r.source().strip();
        return new Candidate(
                index,
                r,
                date,
                ref,
                facts,
                r.creditCode() + "|" + r.programme(),
                naturalKey(source, r.recordKind(), r.programme(), r.creditCode(), date, ref));
    }

    private static String naturalKey(
            String source, String kind, String programme, String creditCode, LocalDate date, String ref) {
        // NUL cannot appear in a clean text, so no two keys run together
        return String.join("\u0000", source, kind, programme, creditCode, date.toString(), ref);
    }

    private String email(ApplicantProfileEntity profile) {
        try {
            List<Map<String, Object>> contacts = json.readerFor(CONTACTS)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(profile.contacts);
            return contacts.stream()
                    .map(c -> c.get("email"))
                    .filter(e -> e instanceof String s && !s.isBlank())
                    .map(String.class::cast)
                    .findFirst()
                    .orElse(null);
        } catch (Exception e) {
            return null; // a profile without a readable contact: the offer is still made, without a notice by email
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean uniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("government_record_natural_key") || m.contains("23505")) {
                return true;
            }
        }
        return false;
    }

    /** States an offer may be listed in (for the documentation and the tests). */
    public static final Set<ProcedureState> OFFER_STATES =
            EnumSet.of(ProcedureState.SCREENING, ProcedureState.OFFERED, ProcedureState.OFFER_DECLINED);
}
