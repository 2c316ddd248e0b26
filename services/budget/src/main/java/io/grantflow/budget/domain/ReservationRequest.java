package io.grantflow.budget.domain;

import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.text.Bilingual;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a reservation asks for, validated: the codes of the published vocabulary (department,
 * beneficiary kind, a district for a block grant, a unified social credit code with its check
 * character for everyone else), amounts in fen, instalments adding up to the amount, in the award
 * year or later, and the approval it traces back to. {@link #fingerprint()} is what the
 * idempotency key guards: the same id with another fingerprint is a conflict.
 */
public record ReservationRequest(
        UUID id,
        UUID applicationId,
        String programme,
        String department,
        String beneficiaryId,
        String beneficiaryKind,
        int awardYear,
        long amount,
        List<InstalmentPlan> instalments,
        List<Claim> claims,
        Instant expiresAt,
        Approval approval) {
    public static final String DISTRICT = Vocabulary.DISTRICT;

    /** A reservation for an application the applications service approved. */
    public ReservationRequest(
            UUID id,
            UUID applicationId,
            String programme,
            String department,
            String beneficiaryId,
            String beneficiaryKind,
            int awardYear,
            long amount,
            List<InstalmentPlan> instalments,
            List<Claim> claims,
            Instant expiresAt) {
        this(
                id,
                applicationId,
                programme,
                department,
                beneficiaryId,
                beneficiaryKind,
                awardYear,
                amount,
                instalments,
                claims,
                expiresAt,
                Approval.OF_APPLICATION);
    }

    public ReservationRequest {
        Objects.requireNonNull(id);
        Objects.requireNonNull(applicationId);
        Objects.requireNonNull(programme);
        Objects.requireNonNull(department);
        Objects.requireNonNull(beneficiaryId);
        beneficiaryKind = beneficiaryKind == null ? Vocabulary.ENTERPRISE : beneficiaryKind;
        // in fiscal-year order: "the next instalment" and "latest first" mean years, not list positions
        instalments = instalments == null || instalments.isEmpty()
                ? List.of(new InstalmentPlan(awardYear, amount))
                : instalments.stream()
                        .sorted(Comparator.comparingInt(InstalmentPlan::fiscalYear))
                        .toList();
        claims = claims == null ? List.of() : List.copyOf(claims);
        Objects.requireNonNull(expiresAt);
        approval = approval == null ? Approval.OF_APPLICATION : approval;
    }

    /** One thing wrong with a request: the field and what is wrong with it. */
    public record Problem(String field, Bilingual message) {}

    /** Everything wrong with the request; empty when valid. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (!Vocabulary.DEPARTMENT_CODES.contains(department)) {
            problems.add(new Problem("department", Bilingual.of("未知的部门代码", "unknown department code")));
        }
        if (!Vocabulary.BENEFICIARY_KIND_CODES.contains(beneficiaryKind)) {
            problems.add(new Problem("beneficiaryKind", Bilingual.of("未知的受益单位类型", "unknown beneficiary kind")));
        } else if (blockGrant()) {
            // a block grant goes to a district, and only a district escapes the per-beneficiary ceilings (G4)
            if (!Vocabulary.DISTRICT_CODES.contains(beneficiaryId)) {
                problems.add(new Problem(
                        "beneficiaryId",
                        Bilingual.of("拨改转的受益方须为区县代码", "a block grant's beneficiary must be a district code")));
            }
        } else if (!SocialCreditCode.isValid(beneficiaryId)) {
            problems.add(new Problem(
                    "beneficiaryId",
                    Bilingual.of(
                            "须为有效的统一社会信用代码（含校验位）",
                            "must be a unified social credit code with a valid check character")));
        }
        if (blockGrant() != approval.blockGrant()) {
            problems.add(new Problem(
                    "beneficiaryKind",
                    Bilingual.of("区县拨改转须经财政双人核定", "a district block grant needs the four-eyes approval of finance")));
        }
        if (amount <= 0) {
            problems.add(new Problem("amount", Bilingual.of("金额须大于零", "the amount must be positive")));
        }
        long sum = 0;
        Set<Integer> years = new HashSet<>();
        for (int i = 0; i < instalments.size(); i++) {
            InstalmentPlan p = instalments.get(i);
            if (p.amount() <= 0) {
                problems.add(new Problem(
                        "instalments[" + i + "].amount", Bilingual.of("分期金额须大于零", "an instalment must be positive")));
            }
            if (p.fiscalYear() < awardYear) {
                problems.add(new Problem(
                        "instalments[" + i + "].fiscalYear",
                        Bilingual.of("分期年度不得早于批准年度", "an instalment cannot precede the award year")));
            }
            if (!years.add(p.fiscalYear())) {
                problems.add(new Problem(
                        "instalments[" + i + "].fiscalYear", Bilingual.of("分期年度重复", "a fiscal year appears twice")));
            }
            sum += p.amount();
        }
        if (amount > 0 && sum != amount) {
            problems.add(
                    new Problem("instalments", Bilingual.of("分期金额之和须等于总额", "instalments must add up to the amount")));
        }
        for (int i = 0; i < claims.size(); i++) {
            if (!Claim.known(claims.get(i).kind())) {
                problems.add(new Problem(
                        "limits[" + i + "].kind",
                        Bilingual.of(
                                "未知的限额类型：" + claims.get(i).kind(),
                                "unknown limit kind: " + claims.get(i).kind())));
            }
        }
        return problems;
    }

    public boolean blockGrant() {
        return DISTRICT.equals(beneficiaryKind);
    }

    /** A canonical text of the request without its timestamps: equal bodies give equal fingerprints. */
    public String fingerprint() {
        String inst = instalments.stream()
                .sorted(Comparator.comparingInt(InstalmentPlan::fiscalYear))
                // a condition only where named, so that the fingerprints of earlier requests stay as they were
                .map(p -> p.fiscalYear() + ":" + p.amount() + (p.condition() == null ? "" : ":" + p.condition()))
                .collect(Collectors.joining(","));
        String lim = claims.stream()
                .map(c -> c.kind() + "=" + c.key() + "=" + c.limit())
                .sorted()
                .collect(Collectors.joining(","));
        String text = String.join(
                "|",
                applicationId.toString(),
                programme,
                department,
                beneficiaryId,
                beneficiaryKind,
                Integer.toString(awardYear),
                Long.toString(amount),
                inst,
                lim);
        if (approval.blockGrant()) {
            // appended only for block grants, so that the fingerprints of earlier reservations stay as they were
            text += "|" + approval.origin() + "|" + approval.proposedBy() + "|" + approval.approvedBy();
        }
        return Fingerprints.sha256(text);
    }
}
