package io.grantflow.eligibility.domain;

import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.grantflow.eligibility.domain.catalogue.Condition;
import io.grantflow.eligibility.domain.catalogue.DatedValue;
import io.grantflow.eligibility.domain.catalogue.Decimals;
import io.grantflow.eligibility.domain.catalogue.FactDef;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import io.grantflow.eligibility.domain.rules.AwardRule;
import io.grantflow.eligibility.domain.rules.EvaluationContext;
import io.grantflow.eligibility.domain.rules.LimitRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules engine: evaluates one application against the catalogue as of a date. Bad input is
 * refused first (UNKNOWN_PROGRAMME, INVALID_APPLICANT_ID, INVALID_FACT, in that order); then the
 * general provisions and every rule of the programme leave their reasons; then the award rule
 * computes the amount, each limit lowers it to what the history leaves, and it is rounded down
 * to the fen. The engine knows the order of the phases, not the kinds of rule: those are the
 * programme's {@link AwardRule} and {@link LimitRule}s, parsed from the catalogue at start.
 */
public final class Evaluator {
    private static final String GENERAL = "末段 / closing paragraph";

    private final Policy policy;

    public Evaluator(Policy policy) {
        this.policy = policy;
    }

    public Policy policy() {
        return policy;
    }

    public Evaluation evaluate(String code, LocalDate asOf, Applicant applicant, Map<String, Object> facts) {
        return evaluate(code, asOf, applicant, facts, List.of());
    }

    public Evaluation evaluate(
            String code, LocalDate asOf, Applicant applicant, Map<String, Object> facts, List<HistoryItem> history) {
        ProgrammeDef programme = policy.programme(code)
                .orElseThrow(() -> new BadInputException(
                        "UNKNOWN_PROGRAMME", "programme", "政策目录中没有该项目", "no such programme in the policy catalogue"));
        checkApplicant(applicant);
        return evaluate(
                programme, asOf, applicant, facts == null ? Map.of() : facts, history == null ? List.of() : history);
    }

    /**
     * One profile against the given programmes of the catalogue (the calculator, proactive
     * screening), in their order: the applicant is checked once, then each programme as
     * {@link #evaluate} would; the first bad input refuses the whole profile.
     */
    public List<Evaluation> screen(
            List<ProgrammeDef> programmes,
            LocalDate asOf,
            Applicant applicant,
            Map<String, Object> facts,
            List<HistoryItem> history) {
        checkApplicant(applicant);
        Map<String, Object> given = facts == null ? Map.of() : facts;
        List<HistoryItem> past = history == null ? List.of() : history;
        List<Evaluation> result = new ArrayList<>(programmes.size());
        for (ProgrammeDef programme : programmes) {
            result.add(evaluate(programme, asOf, applicant, given, past));
        }
        return result;
    }

    private static void checkApplicant(Applicant applicant) {
        if (applicant == null || !SocialCreditCode.isValid(applicant.id())) {
            throw new BadInputException(
                    "INVALID_APPLICANT_ID",
                    "applicant.id",
                    "须为18位统一社会信用代码且校验位正确",
                    "must be an 18-character unified social credit code with a valid check character");
        }
    }

    private Evaluation evaluate(
            ProgrammeDef programme,
            LocalDate asOf,
            Applicant applicant,
            Map<String, Object> facts,
            List<HistoryItem> history) {
        Object[] declared = checkTypes(programme, facts);
        return evaluate(new EvaluationContext(policy, programme, asOf, applicant, facts, history), declared);
    }

    /** The values of the programme's facts, in its order, each of its declared type (else INVALID_FACT). */
    private static Object[] checkTypes(ProgrammeDef programme, Map<String, Object> facts) {
        List<FactDef> defs = programme.facts();
        Object[] declared = new Object[defs.size()];
        for (int i = 0; i < declared.length; i++) {
            FactDef def = defs.get(i);
            Object value = facts.get(def.name());
            declared[i] = value;
            if (value == null) {
                continue;
            }
            boolean ok = switch (def.type()) {
                case MONEY -> !(value instanceof String) && isAmount(value, 2);
                case DECIMAL -> nonNegative(Decimals.decimal(value));
                case INTEGER -> whole(Decimals.decimal(value));
                case BOOLEAN -> value instanceof Boolean;
                case ENUM, TEXT -> value instanceof String;
                // a list of names, or just how many there are
                case LIST -> value instanceof Collection<?> || whole(Decimals.decimal(value));
            };
            if (!ok) {
                throw new BadInputException(
                        "INVALID_FACT",
                        "facts." + def.name(),
                        "事实“" + def.name() + "”的类型或取值无效（" + def.type().name().toLowerCase() + "）",
                        "Fact " + def.name() + " has a wrong type or value (expected "
                                + def.type().name().toLowerCase() + ")");
            }
        }
        return declared;
    }

    private static boolean isAmount(Object value, int maxScale) {
        if (value instanceof Double || value instanceof Float) {
            return false; // money never passes through floating point
        }
        BigDecimal d = Decimals.decimal(value);
        return nonNegative(d)
                && (d.scale() <= maxScale || d.stripTrailingZeros().scale() <= maxScale);
    }

    private static boolean nonNegative(BigDecimal d) {
        return d != null && d.signum() >= 0;
    }

    private static boolean whole(BigDecimal d) {
        return nonNegative(d) && (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0);
    }

    private Evaluation evaluate(EvaluationContext ctx, Object[] declared) {
        ProgrammeDef programme = ctx.programme();
        if (!programme.administered()) {
            ctx.step(TraceText.NOT_ADMINISTERED, programme.reference());
            ctx.reason(ReasonCode.NOT_ADMINISTERED);
            return result(ctx, Optional.empty(), List.of());
        }
        general(ctx);
        kindAndFacts(ctx, declared);
        conditions(ctx);
        duplicateCityPolicy(ctx);
        for (LimitRule limit : programme.limits()) {
            limit.check(ctx);
        }
        Optional<BigDecimal> amount = Optional.empty();
        if (ctx.missing().isEmpty() && !ctx.has(ReasonCode.THRESHOLD_NOT_MET)) {
            amount = AwardRule.evaluate(programme.award(), ctx);
        }
        // Caps are checked in every case, so a used-up cap is reported beside any other reason.
        BigDecimal capped = amount.orElse(null);
        for (LimitRule limit : programme.limits()) {
            capped = limit.cap(ctx, capped);
        }
        if (capped != null && capped.signum() == 0 && ctx.reasons().isEmpty()) {
            programme.award().whenZero(ctx);
        }
        boolean eligible = ctx.reasons().isEmpty();
        Optional<BigDecimal> ceiling =
                eligible && capped != null ? Optional.of(capped.setScale(2, RoundingMode.DOWN)) : Optional.empty();
        if (!eligible) {
            return result(ctx, Optional.empty(), List.of());
        }
        ceiling.ifPresent(c -> ctx.step(TraceText.CEILING, programme.reference(), TraceText.written(c)));
        budgetLimits(ctx, ceiling);
        return result(
                ctx,
                ceiling,
                ceiling.isPresent() && programme.staging() != null
                        ? programme.staging().instalments(ctx, ceiling.get())
                        : List.of());
    }

    private Evaluation result(EvaluationContext ctx, Optional<BigDecimal> ceiling, List<Instalment> instalments) {
        ProgrammeDef programme = ctx.programme();
        List<ReasonCode> found = readOnly(ctx.reasons());
        return new Evaluation(
                programme.code(),
                found.isEmpty(),
                ceiling,
                programme.department(),
                programme.flags(),
                found,
                ctx.trace().freeze(),
                policy.version(),
                readOnly(ctx.missing()),
                found.isEmpty() ? readOnly(ctx.claims()) : List.of(),
                instalments);
    }

    /**
     * The context's list, read-only: the context ends with the evaluation, so nothing changes it
     * afterwards and no copy is needed (screening makes millions).
     */
    private static <T> List<T> readOnly(List<T> list) {
        return list.isEmpty() ? List.of() : Collections.unmodifiableList(list);
    }

    // ---- general provisions, the programme's facts and conditions -------------------------------

    private void general(EvaluationContext ctx) {
        LocalDate asOf = ctx.asOf();
        boolean valid = !asOf.isBefore(policy.validFrom()) && !asOf.isAfter(policy.validTo());
        ctx.step(
                valid ? TraceText.VALIDITY_IN : TraceText.VALIDITY_OUT,
                policy.validityReference(),
                asOf,
                policy.validFrom(),
                policy.validTo());
        if (!valid) {
            ctx.reason(ReasonCode.OUTSIDE_VALIDITY);
        }
        DatedValue<List<String>> districts = policy.jurisdiction().valueAt(ctx.parameterDate());
        String district = ctx.applicant().district();
        boolean inside = districts != null && districts.value().contains(district);
        ctx.step(
                inside ? TraceText.JURISDICTION_IN : TraceText.JURISDICTION_OUT,
                districts == null ? GENERAL : districts.reference(),
                district,
                EvaluationContext.note(districts));
        if (!inside) {
            ctx.reason(ReasonCode.OUTSIDE_JURISDICTION);
        }
    }

    private static void kindAndFacts(EvaluationContext ctx, Object[] declared) {
        ProgrammeDef programme = ctx.programme();
        String kind = ctx.applicant().kind();
        if (!programme.beneficiaryKinds().contains(kind)) {
            ctx.reason(ReasonCode.WRONG_BENEFICIARY_KIND);
            ctx.step(TraceText.BENEFICIARY_KIND, programme.reference(), kind, programme.beneficiaryKinds());
        }
        List<FactDef> defs = programme.facts();
        for (int i = 0; i < declared.length; i++) {
            FactDef def = defs.get(i);
            Object value = declared[i];
            if (value == null) {
                if (def.required() || requiredNow(ctx, def.requiredWhen())) {
                    ctx.missing(def.name());
                }
                continue;
            }
            if (def.type() == FactDef.FactType.ENUM
                    && def.values() != null
                    && !def.values().contains(value)) {
                ctx.reason(ReasonCode.THRESHOLD_NOT_MET);
                ctx.step(
                        TraceText.ALLOWED_VALUES,
                        programme.reference(),
                        def.name(),
                        String.valueOf(value),
                        def.values());
            }
        }
        if (!ctx.missing().isEmpty()) {
            ctx.reason(ReasonCode.MISSING_FACT);
            ctx.step(TraceText.REQUIRED_FACTS, programme.reference(), List.copyOf(ctx.missing()));
        }
    }

    private static boolean requiredNow(EvaluationContext ctx, Condition when) {
        if (when == null) {
            return false;
        }
        Object other = ctx.fact(when.fact());
        return other != null && when.op().test(other, ctx.resolve(when.value()).value());
    }

    private static void conditions(EvaluationContext ctx) {
        for (Condition c : ctx.programme().conditions()) {
            Object actual = ctx.fact(c.fact());
            if (actual == null) {
                continue; // reported as missing
            }
            EvaluationContext.Resolved<?> expected = ctx.resolve(c.value());
            boolean met = c.op().test(actual, expected.value());
            ctx.step(
                    met ? TraceText.CONDITION_MET : TraceText.CONDITION_NOT_MET,
                    expected.reference(),
                    c.fact(),
                    actual,
                    c.op().symbol(),
                    TraceText.written(expected.value()),
                    expected.note());
            if (!met) {
                ctx.reason(ReasonCode.THRESHOLD_NOT_MET);
            }
        }
    }

    /** G3: a project funded by another city-level policy is not funded again. */
    private static void duplicateCityPolicy(EvaluationContext ctx) {
        Object project = ctx.fact("project_ref");
        if (project == null) {
            return;
        }
        for (HistoryItem item : ctx.history()) {
            if (!item.ofThisPolicy()
                    && item.facts() != null
                    && project.equals(item.facts().get("project_ref"))) {
                ctx.reason(ReasonCode.DUPLICATE_CITY_POLICY);
                ctx.step(TraceText.NO_DOUBLE_DIPPING, GENERAL, project, item.policy());
                return;
            }
        }
    }

    // ---- limits the budget must hold ---------------------------------------------------------------

    private void budgetLimits(EvaluationContext ctx, Optional<BigDecimal> ceiling) {
        ProgrammeDef programme = ctx.programme();
        String applicant = ctx.applicant().id();
        ceiling.ifPresent(c -> ctx.claims()
                .add(
                        0,
                        BudgetLimit.money(
                                LimitKind.PROGRAMME_CEILING, LimitKind.ceilingKey(programme.code(), applicant), c)));
        if (!programme.flags().contains("BLOCK_GRANT")) {
            String key = LimitKind.beneficiaryYearKey(applicant, ctx.year());
            DatedValue<BigDecimal> amount = policy.annualAwardAmount().valueAt(ctx.parameterDate());
            if (amount != null) {
                ctx.claim(BudgetLimit.money(
                        LimitKind.BENEFICIARY_YEAR_AMOUNT, key, amount.value().setScale(2, RoundingMode.DOWN)));
            }
            DatedValue<BigDecimal> count = policy.annualAwardCount().valueAt(ctx.parameterDate());
            if (count != null) {
                ctx.claim(BudgetLimit.count(
                        LimitKind.BENEFICIARY_YEAR_COUNT, key, count.value().intValueExact()));
            }
        }
        for (LimitRule limit : programme.limits()) {
            limit.claim(ctx);
        }
    }
}
