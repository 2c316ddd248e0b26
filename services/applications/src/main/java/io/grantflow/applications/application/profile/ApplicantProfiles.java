package io.grantflow.applications.application.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.TrackApplication;
import io.grantflow.applications.application.Viewer;
import io.grantflow.applications.application.audit.AuditContext;
import io.grantflow.applications.application.audit.AuditTrail;
import io.grantflow.applications.domain.applicant.AccountNumbers;
import io.grantflow.applications.domain.applicant.ApplicantProfile;
import io.grantflow.applications.persistence.ApplicantProfileEntity;
import io.grantflow.applications.persistence.ApplicationEntity;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.Pages;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applicant profiles (一企一档): an enterprise keeps its own, reviewers read those of applicants
 * with an application in their department, finance, operators and admins read all. Changes are
 * guarded by the profile's version (If-Match). Each creation and change is an entry of the audit
 * trail ({@code profile.create}, {@code profile.change}, the credit code its subject), written in
 * the change's transaction: the bank account the money goes to is the part of a profile whose
 * change matters most, so the entry names the account (its number masked) before and after.
 */
@ApplicationScoped
public class ApplicantProfiles {
    private static final TypeReference<List<ApplicantProfile.Contact>> CONTACTS = new TypeReference<>() {};

    private final ObjectMapper json;
    private final AuditTrail audit;
    private final TrackApplication track;

    public ApplicantProfiles(ObjectMapper json, AuditTrail audit, TrackApplication track) {
        this.json = json;
        this.audit = audit;
        this.track = track;
    }

    /** What an applicant writes into its profile. */
    public record ProfileDraft(
            String beneficiaryKind,
            String district,
            String name,
            List<ApplicantProfile.Contact> contacts,
            ApplicantProfile.BankAccount bankAccount) {}

    /**
     * The version a change is based on: {@code If-Match} ({@code any} for {@code *}, else the
     * versions named) and {@code If-None-Match: *} (create only).
     */
    public record Precondition(boolean ifMatchAny, List<Long> ifMatch, boolean createOnly) {
        public static final Precondition NONE = new Precondition(false, List.of(), false);

        boolean given() {
            return ifMatchAny || !ifMatch.isEmpty();
        }
    }

    /** A stored profile and whether this call created it. */
    public record Saved(ApplicantProfile profile, boolean created) {}

    public Uni<ApplicantProfile> get(Viewer viewer, String creditCode) {
        return Panache.withSession(() -> ApplicantProfileEntity.<ApplicantProfileEntity>findById(creditCode)
                        .chain(row -> mayRead(viewer, creditCode).map(may -> {
                            if (row == null || !may) {
                                throw notFound(creditCode);
                            }
                            return row;
                        })))
                .map(this::toProfile);
    }

    /** The beneficiary kind an applicant's profile names, or null without a profile. */
    public Uni<String> beneficiaryKind(String creditCode) {
        return Panache.withSession(() -> ApplicantProfileEntity.<ApplicantProfileEntity>findById(creditCode))
                .map(row -> row == null ? null : row.beneficiaryKind);
    }

    /** Creates the profile of {@code creditCode}, or changes it when {@code precondition} names its version. */
    public Uni<Saved> put(
            Viewer viewer, String creditCode, ProfileDraft draft, Precondition precondition, AuditContext who) {
        if (!viewer.isEnterprise() || !creditCode.equals(viewer.enterpriseId())) {
            throw ProblemException.forbidden(
                    "NOT_YOUR_PROFILE",
                    "企业只能维护本企业（令牌 enterprise_id）的档案",
                    "An enterprise keeps only its own profile (its token's enterprise_id)");
        }
        Instant now = Instant.now();
        // the applicant's lock first (before the audit head's): a clearance request arriving now
        // either sees the account or waits and is answered below (PayeeWaits)
        return Panache.withTransaction(() -> PayeeWaits.lock(creditCode)
                        .chain(() -> ApplicantProfileEntity.<ApplicantProfileEntity>findById(creditCode))
                        .chain(row -> {
                            if (row == null) {
                                if (precondition.given()) {
                                    throw Problems.preconditionFailed(); // nothing to match
                                }
                                ApplicantProfileEntity created = new ApplicantProfileEntity();
                                created.creditCode = creditCode;
                                created.createdBy = viewer.name();
                                created.createdAt = at(now);
                                apply(created, draft, viewer, now);
                                // the audit head's lock first, as every writer takes it (AuditTrail)
                                return audit.append(who, "profile.create", creditCode, null, auditState(created))
                                        .chain(entry -> created.persistAndFlush())
                                        .map(e -> new Saved(toProfile(created), true));
                            }
                            if (precondition.createOnly()) {
                                throw Problems.preconditionFailed();
                            }
                            if (!precondition.given()) {
                                throw Problems.preconditionRequired();
                            }
                            if (!precondition.ifMatchAny()
                                    && !precondition.ifMatch().contains(row.version)) {
                                throw Problems.preconditionFailed();
                            }
                            String before = auditState(row);
                            apply(row, draft, viewer, now);
                            return audit.append(who, "profile.change", creditCode, before, auditState(row))
                                    .chain(entry -> Panache.flush())
                                    .map(v -> new Saved(toProfile(row), false));
                        })
                        // payments that waited for an account are answered with it, in this transaction (ADR 0027)
                        .call(saved -> saved.profile().bankAccount() == null
                                ? Uni.createFrom().voidItem()
                                : track.payeeArrived(creditCode)))
                .onFailure(ApplicantProfiles::duplicateKey)
                .transform(f -> ProblemException.conflict(
                        "CONCURRENT_CHANGE",
                        "该档案同时被创建，请读取后重试",
                        "The profile was created at the same time; read it and try again"));
    }

    /** A page of the profiles the viewer may read, by credit code, optionally of one district and kind. */
    public Uni<Page<ApplicantProfile>> list(Viewer viewer, String district, String kind, PageRequest page) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!viewer.seesAll()) {
            if (viewer.isReviewer()) {
                query.append(" and creditCode in (select a.applicantId from ")
                        .append(ApplicationEntity.class.getSimpleName())
                        .append(" a where a.department = :department)");
                params.put("department", String.valueOf(viewer.department()));
            } else {
                query.append(" and creditCode = :own");
                params.put("own", String.valueOf(viewer.enterpriseId()));
            }
        }
        if (district != null) {
            query.append(" and district = :district");
            params.put("district", district);
        }
        if (kind != null) {
            query.append(" and beneficiaryKind = :kind");
            params.put("kind", kind);
        }
        return Panache.withSession(() -> {
            var found = ApplicantProfileEntity.<ApplicantProfileEntity>find(
                    query.toString(), Sort.ascending("creditCode"), params);
            return Pages.of(found, page, this::toProfile);
        });
    }

    /** Finance, operators and admins read every profile, an enterprise its own, a reviewer its department's applicants'. */
    private static Uni<Boolean> mayRead(Viewer viewer, String creditCode) {
        if (viewer.seesAll() || viewer.isEnterprise() && creditCode.equals(viewer.enterpriseId())) {
            return Uni.createFrom().item(true);
        }
        if (viewer.isReviewer() && viewer.department() != null) {
            return ApplicationEntity.count("applicantId = ?1 and department = ?2", creditCode, viewer.department())
                    .map(n -> n > 0);
        }
        return Uni.createFrom().item(false);
    }

    /** What the audit trail keeps of a profile: its identity and its bank account, the number masked. */
    private String auditState(ApplicantProfileEntity row) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", row.name);
        state.put("beneficiaryKind", row.beneficiaryKind);
        state.put("district", row.district);
        state.put("bankName", row.bankName);
        state.put("bankAccountName", row.bankAccountName);
        state.put(
                "bankAccountNumber", row.bankAccountNumber == null ? null : AccountNumbers.mask(row.bankAccountNumber));
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void apply(ApplicantProfileEntity row, ProfileDraft draft, Viewer viewer, Instant now) {
        row.beneficiaryKind = draft.beneficiaryKind();
        row.district = draft.district();
        row.name = draft.name();
        try {
            row.contacts = json.writeValueAsString(draft.contacts());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ApplicantProfile.BankAccount account = draft.bankAccount();
        String bankName = account == null ? null : account.bankName();
        String accountName = account == null ? null : account.accountName();
        String accountNumber = account == null ? null : account.accountNumber();
        // the account's own author, for the four-eyes of its verification: an edit of the
        // contacts by someone else must not make them the account's author
        if (!Objects.equals(bankName, row.bankName)
                || !Objects.equals(accountName, row.bankAccountName)
                || !Objects.equals(accountNumber, row.bankAccountNumber)) {
            row.bankAccountChangedBy = accountNumber == null ? null : viewer.name();
        }
        row.bankName = bankName;
        row.bankAccountName = accountName;
        row.bankAccountNumber = accountNumber;
        row.updatedBy = viewer.name();
        row.updatedAt = at(now);
    }

    private ApplicantProfile toProfile(ApplicantProfileEntity row) {
        List<ApplicantProfile.Contact> contacts;
        try {
            contacts = json.readerFor(CONTACTS)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(row.contacts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new ApplicantProfile(
                row.creditCode,
                row.beneficiaryKind,
                row.district,
                row.name,
                contacts,
                row.bankName == null
                        ? null
                        : new ApplicantProfile.BankAccount(row.bankName, row.bankAccountName, row.bankAccountNumber),
                row.version,
                row.createdBy,
                row.createdAt.toInstant(),
                row.updatedBy,
                row.updatedAt.toInstant());
    }

    private static boolean duplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("23505")) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException notFound(String creditCode) {
        return ProblemException.notFound("申请主体档案", "applicant profile", creditCode);
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
