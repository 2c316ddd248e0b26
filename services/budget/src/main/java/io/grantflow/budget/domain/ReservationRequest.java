package io.grantflow.budget.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a reservation asks for, validated: amounts in fen, instalments adding up to the amount,
 * in the award year or later. {@link #fingerprint()} is what the idempotency key guards: the
 * same id with another fingerprint is a conflict.
 */
public record ReservationRequest(UUID id, UUID applicationId, String programme, String department,
                                 String beneficiaryId, String beneficiaryKind, int awardYear, long amount,
                                 List<InstalmentPlan> instalments, List<Claim> claims, Instant expiresAt) {
    public static final String DISTRICT = "district";

    public ReservationRequest {
        Objects.requireNonNull(id);
        Objects.requireNonNull(applicationId);
        Objects.requireNonNull(programme);
        Objects.requireNonNull(department);
        Objects.requireNonNull(beneficiaryId);
        beneficiaryKind = beneficiaryKind == null ? "enterprise" : beneficiaryKind;
        // in fiscal-year order: "the next instalment" and "latest first" mean years, not list positions
        instalments = instalments == null || instalments.isEmpty() ? List.of(new InstalmentPlan(awardYear, amount))
                : instalments.stream().sorted(Comparator.comparingInt(InstalmentPlan::fiscalYear)).toList();
        claims = claims == null ? List.of() : List.copyOf(claims);
        Objects.requireNonNull(expiresAt);
    }

    /** Everything wrong with the request, as (field, message) pairs; empty when valid. */
    public List<String[]> problems() {
        List<String[]> problems = new java.util.ArrayList<>();
        if (amount <= 0) {
            problems.add(new String[] {"amount", "金额须大于零 / the amount must be positive"});
        }
        long sum = 0;
        java.util.Set<Integer> years = new java.util.HashSet<>();
        for (int i = 0; i < instalments.size(); i++) {
            InstalmentPlan p = instalments.get(i);
            if (p.amount() <= 0) {
                problems.add(new String[] {"instalments[" + i + "].amount", "分期金额须大于零 / an instalment must be positive"});
            }
            if (p.fiscalYear() < awardYear) {
                problems.add(new String[] {"instalments[" + i + "].fiscalYear",
                        "分期年度不得早于批准年度 / an instalment cannot precede the award year"});
            }
            if (!years.add(p.fiscalYear())) {
                problems.add(new String[] {"instalments[" + i + "].fiscalYear", "分期年度重复 / a fiscal year appears twice"});
            }
            sum += p.amount();
        }
        if (amount > 0 && sum != amount) {
            problems.add(new String[] {"instalments", "分期金额之和须等于总额 / instalments must add up to the amount"});
        }
        for (int i = 0; i < claims.size(); i++) {
            if (!Claim.known(claims.get(i).kind())) {
                problems.add(new String[] {"limits[" + i + "].kind", "未知的限额类型 / unknown limit kind: " + claims.get(i).kind()});
            }
        }
        return problems;
    }

    public boolean blockGrant() {
        return DISTRICT.equals(beneficiaryKind);
    }

    /** A canonical text of the request without its timestamps: equal bodies give equal fingerprints. */
    public String fingerprint() {
        String inst = instalments.stream().sorted(Comparator.comparingInt(InstalmentPlan::fiscalYear))
                .map(p -> p.fiscalYear() + ":" + p.amount()).collect(Collectors.joining(","));
        String lim = claims.stream().map(c -> c.kind() + "=" + c.key() + "=" + c.limit()).sorted()
                .collect(Collectors.joining(","));
        String text = String.join("|", applicationId.toString(), programme, department, beneficiaryId,
                beneficiaryKind, Integer.toString(awardYear), Long.toString(amount), inst, lim);
        return Fingerprints.sha256(text);
    }
}
