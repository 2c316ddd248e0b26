package io.grantflow.eligibility.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates an application against the catalogue: bad input first (in the order of CASES.md),
 * then every reason that applies, then the ceiling (rate × base, capped, rounded down).
 */
public final class Evaluator {
    private static final String GENERAL_CLAUSE = "政策正文末段 / closing paragraph";
    private final Catalogue catalogue;

    public Evaluator(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Evaluation evaluate(String programmeCode, LocalDate asOf, Applicant applicant, Map<String, Object> facts) {
        Programme programme = catalogue.programme(programmeCode).orElseThrow(() -> new BadInputException(
                "UNKNOWN_PROGRAMME", "programme", "未知的项目代码：" + programmeCode, "Unknown programme: " + programmeCode));
        if ("enterprise".equals(applicant.kind()) && !SocialCreditCode.isValid(applicant.id())) {
            throw new BadInputException("INVALID_APPLICANT_ID", "applicant.id",
                    "统一社会信用代码无效", "Invalid unified social credit code: " + applicant.id());
        }
        Optional<BigDecimal> base = amountFact(facts, programme.baseFact());

        List<ReasonCode> reasons = new ArrayList<>();
        List<TraceStep> trace = new ArrayList<>();
        if (asOf.isBefore(catalogue.validFrom()) || asOf.isAfter(catalogue.validTo())) {
            reasons.add(ReasonCode.OUTSIDE_VALIDITY);
        }
        trace.add(new TraceStep("G1-VALIDITY", GENERAL_CLAUSE, "评估日期 " + asOf, "evaluated as of " + asOf));
        if (!catalogue.inJurisdiction(applicant.district())) {
            reasons.add(ReasonCode.OUTSIDE_JURISDICTION);
        }
        trace.add(new TraceStep("G2-JURISDICTION", GENERAL_CLAUSE, "所在区 " + applicant.district(),
                "district " + applicant.district()));
        if (!programme.beneficiaryKinds().contains(applicant.kind())) {
            reasons.add(ReasonCode.WRONG_BENEFICIARY_KIND);
        }
        if (base.isEmpty()) {
            reasons.add(ReasonCode.MISSING_FACT);
        }
        if (!reasons.isEmpty()) {
            return new Evaluation(programme.code(), false, Optional.empty(), programme.department(), List.of(),
                    List.copyOf(reasons), List.copyOf(trace), catalogue.version());
        }
        BigDecimal computed = base.get().multiply(programme.rate());
        BigDecimal ceiling = computed.min(programme.cap()).setScale(2, RoundingMode.DOWN);
        String rate = programme.rate().movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        trace.add(new TraceStep("RATE_WITH_CAP", programme.clause(),
                rate + " × " + base.get().toPlainString() + " = " + computed.setScale(2, RoundingMode.DOWN).toPlainString()
                        + "，最高 " + programme.cap().toPlainString() + "，上限额度 " + ceiling.toPlainString(),
                rate + " × " + base.get().toPlainString() + " = " + computed.setScale(2, RoundingMode.DOWN).toPlainString()
                        + ", cap " + programme.cap().toPlainString() + ", ceiling " + ceiling.toPlainString()));
        return new Evaluation(programme.code(), true, Optional.of(ceiling), programme.department(), List.of(),
                List.of(), List.copyOf(trace), catalogue.version());
    }

    private static Optional<BigDecimal> amountFact(Map<String, Object> facts, String name) {
        Object value = facts == null ? null : facts.get(name);
        if (value == null) {
            return Optional.empty();
        }
        BigDecimal amount;
        if (value instanceof BigDecimal d) {
            amount = d;
        } else if (value instanceof Integer || value instanceof Long) {
            amount = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof String s && s.matches("\\d{1,13}(\\.\\d{1,2})?")) {
            amount = new BigDecimal(s);
        } else {
            // Doubles are refused on purpose: money never passes through floating point.
            throw new BadInputException("INVALID_FACT", "facts." + name,
                    "金额须为最多两位小数的非负数", "An amount must be a non-negative number with at most two decimals");
        }
        if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new BadInputException("INVALID_FACT", "facts." + name,
                    "金额须为最多两位小数的非负数", "An amount must be a non-negative number with at most two decimals");
        }
        return Optional.of(amount);
    }
}
