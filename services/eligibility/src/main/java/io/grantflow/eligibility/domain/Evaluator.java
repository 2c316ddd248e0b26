package io.grantflow.eligibility.domain;

import io.grantflow.platform.money.Staged;
import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import io.grantflow.eligibility.domain.catalogue.Award;
import io.grantflow.eligibility.domain.catalogue.Condition;
import io.grantflow.eligibility.domain.catalogue.DatedValue;
import io.grantflow.eligibility.domain.catalogue.FactDef;
import io.grantflow.eligibility.domain.catalogue.Limit;
import io.grantflow.eligibility.domain.catalogue.Parameter;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules engine: evaluates one application against the catalogue as of a date. Bad input is
 * refused first (UNKNOWN_PROGRAMME, INVALID_APPLICANT_ID, INVALID_FACT, in that order); then every
 * reason that applies is collected; then the amount is computed, lowered by what the history
 * leaves of each cap, and rounded down to the fen. Every step lands in the trace with the clause
 * and the parameter values (and their effective dates) it used.
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

    public Evaluation evaluate(String code, LocalDate asOf, Applicant applicant, Map<String, Object> facts,
                               List<HistoryItem> history) {
        ProgrammeDef programme = policy.programme(code).orElseThrow(() -> new BadInputException(
                "UNKNOWN_PROGRAMME", "programme", "政策目录中没有该项目", "no such programme in the policy catalogue"));
        if (applicant == null || !SocialCreditCode.isValid(applicant.id())) {
            throw new BadInputException("INVALID_APPLICANT_ID", "applicant.id", "须为18位统一社会信用代码且校验位正确",
                    "must be an 18-character unified social credit code with a valid check character");
        }
        Map<String, Object> given = facts == null ? Map.of() : facts;
        checkTypes(programme, given);
        return new Run(programme, asOf, applicant, given, history == null ? List.of() : history).evaluate();
    }

    private static void checkTypes(ProgrammeDef programme, Map<String, Object> facts) {
        for (FactDef def : programme.facts()) {
            Object value = facts.get(def.name());
            if (value == null) {
                continue;
            }
            boolean ok = switch (def.type()) {
                case MONEY -> !(value instanceof String) && isAmount(value, 2);
                case DECIMAL -> decimal(value).map(d -> d.signum() >= 0).orElse(false);
                case INTEGER -> decimal(value).map(d -> d.signum() >= 0 && d.stripTrailingZeros().scale() <= 0).orElse(false);
                case BOOLEAN -> value instanceof Boolean;
                case ENUM, TEXT -> value instanceof String;
                // a list of names, or just how many there are
                case LIST -> value instanceof Collection<?> || decimal(value).map(d -> d.signum() >= 0
                        && d.stripTrailingZeros().scale() <= 0).orElse(false);
            };
            if (!ok) {
                throw new BadInputException("INVALID_FACT", "facts." + def.name(),
                        "事实“" + def.name() + "”的类型或取值无效（" + def.type().name().toLowerCase() + "）",
                        "Fact " + def.name() + " has a wrong type or value (expected " + def.type().name().toLowerCase() + ")");
            }
        }
    }

    private static boolean isAmount(Object value, int maxScale) {
        if (value instanceof Double || value instanceof Float) {
            return false; // money never passes through floating point
        }
        return decimal(value).map(d -> d.signum() >= 0 && d.stripTrailingZeros().scale() <= maxScale).orElse(false);
    }

    static Optional<BigDecimal> decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return Optional.of(d);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
        }
        if (value instanceof java.math.BigInteger i) {
            return Optional.of(new BigDecimal(i));
        }
        if (value instanceof Double || value instanceof Float) {
            return Optional.of(new BigDecimal(value.toString()));
        }
        if (value instanceof String s && s.matches("-?\\d+(\\.\\d+)?")) {
            return Optional.of(new BigDecimal(s));
        }
        return Optional.empty();
    }

    /** One evaluation: the state of its checks and its trace. */
    private final class Run {
        private final ProgrammeDef programme;
        private final LocalDate asOf;
        private final Applicant applicant;
        private final Map<String, Object> facts;
        private final List<HistoryItem> history;
        private final Set<ReasonCode> reasons = new LinkedHashSet<>();
        private final List<TraceStep> trace = new ArrayList<>();
        private final List<String> missing = new ArrayList<>();
        private final List<BudgetLimit> limits = new ArrayList<>();
        /** A sum part skipped because the history already used it. */
        private boolean partUsedByHistory;

        Run(ProgrammeDef programme, LocalDate asOf, Applicant applicant, Map<String, Object> facts,
            List<HistoryItem> history) {
            this.programme = programme;
            this.asOf = asOf;
            this.applicant = applicant;
            this.facts = facts;
            this.history = history;
        }

        Evaluation evaluate() {
            if (!programme.administered()) {
                step("NOT_ADMINISTERED", programme.reference(), "该项目另行制定政策或不属补助，不在本平台办理",
                        "Not administered here: a separate policy or not a subsidy");
                return result(List.of(ReasonCode.NOT_ADMINISTERED), Optional.empty(), List.of());
            }
            general();
            kindAndFacts();
            conditions();
            duplicateCityPolicy();
            historyLimits();
            Optional<BigDecimal> amount = Optional.empty();
            if (missing.isEmpty() && !reasons.contains(ReasonCode.THRESHOLD_NOT_MET)) {
                amount = amount(programme.award());
            }
            // Caps are checked in every case, so a used-up cap is reported beside any other reason.
            BigDecimal capped = applyCaps(amount.orElse(null));
            amount = amount.map(a -> capped);
            if (amount.isPresent() && amount.get().signum() == 0 && reasons.isEmpty()
                    && !(programme.award() instanceof Award.Sum)) {
                // nothing to award (a zero base): not an award at all
                reasons.add(ReasonCode.THRESHOLD_NOT_MET);
                step("ZERO_AMOUNT", programme.reference(), "测算金额为零", "the computed amount is zero");
            }
            if (amount.isPresent() && amount.get().signum() == 0 && reasons.isEmpty()
                    && programme.award() instanceof Award.Sum) {
                // no part of the sum applies: either the history used them, or none is met
                reasons.add(partUsedByHistory ? ReasonCode.ALREADY_AWARDED : ReasonCode.THRESHOLD_NOT_MET);
            }
            List<ReasonCode> found = List.copyOf(reasons);
            Optional<BigDecimal> ceiling = found.isEmpty() ? amount.map(a -> a.setScale(2, RoundingMode.DOWN)) : Optional.empty();
            if (found.isEmpty()) {
                ceiling.ifPresent(c -> step("CEILING", programme.reference(),
                        "测算上限 " + c.toPlainString() + " 元（向下取整到分）", "ceiling " + c.toPlainString() + " (rounded down to the fen)"));
                budgetLimits(ceiling);
            }
            return result(found, ceiling, found.isEmpty() ? instalments(ceiling) : List.of());
        }

        private Evaluation result(List<ReasonCode> found, Optional<BigDecimal> ceiling, List<Instalment> instalments) {
            return new Evaluation(programme.code(), found.isEmpty(), ceiling, programme.department(),
                    programme.flags(), found, List.copyOf(trace), policy.version(), List.copyOf(missing),
                    found.isEmpty() ? List.copyOf(limits) : List.of(), instalments);
        }

        // ---- general provisions -------------------------------------------------------------

        private void general() {
            boolean valid = !asOf.isBefore(policy.validFrom()) && !asOf.isAfter(policy.validTo());
            step("G1-VALIDITY", policy.validityReference(),
                    "评估日期 " + asOf + "，有效期 " + policy.validFrom() + " 至 " + policy.validTo() + (valid ? "" : "：不在有效期内"),
                    "as of " + asOf + ", policy valid " + policy.validFrom() + " to " + policy.validTo() + (valid ? "" : ": outside"));
            if (!valid) {
                reasons.add(ReasonCode.OUTSIDE_VALIDITY);
            }
            Parameter jurisdiction = policy.parameters().get("jurisdiction");
            DatedValue districts = jurisdiction == null ? null : jurisdiction.at(parameterDate()).orElse(null);
            boolean inside = districts != null && districts.value() instanceof Collection<?> c && c.contains(applicant.district());
            step("G2-JURISDICTION", districts == null ? GENERAL : districts.reference(),
                    "所在地 " + applicant.district() + (inside ? " 在适用范围内" : " 不在适用范围内") + paramNote(districts),
                    "district " + applicant.district() + (inside ? " is inside" : " is outside") + " the jurisdiction" + paramNote(districts));
            if (!inside) {
                reasons.add(ReasonCode.OUTSIDE_JURISDICTION);
            }
        }

        private void kindAndFacts() {
            if (!programme.beneficiaryKinds().contains(applicant.kind())) {
                reasons.add(ReasonCode.WRONG_BENEFICIARY_KIND);
                step("BENEFICIARY_KIND", programme.reference(), "申请主体类型 " + applicant.kind() + " 不在 " + programme.beneficiaryKinds(),
                        "kind " + applicant.kind() + " not in " + programme.beneficiaryKinds());
            }
            for (FactDef def : programme.facts()) {
                Object value = facts.get(def.name());
                if (value == null) {
                    boolean required = def.required() || (def.requiredWhen() != null
                            && facts.get(def.requiredWhen().fact()) != null
                            && compare(facts.get(def.requiredWhen().fact()), def.requiredWhen().op(),
                            resolve(def.requiredWhen().value()).value()));
                    if (required) {
                        missing.add(def.name());
                    }
                    continue;
                }
                if (def.type() == FactDef.FactType.ENUM && def.values() != null && !def.values().contains(value)) {
                    reasons.add(ReasonCode.THRESHOLD_NOT_MET);
                    step("ALLOWED_VALUES", programme.reference(), def.name() + " = " + value + " 不在 " + def.values(),
                            def.name() + " = " + value + " is not one of " + def.values());
                }
            }
            if (!missing.isEmpty()) {
                reasons.add(ReasonCode.MISSING_FACT);
                step("REQUIRED_FACTS", programme.reference(), "缺少 " + missing, "missing " + missing);
            }
        }

        private void conditions() {
            for (Condition c : programme.conditions()) {
                Object actual = facts.get(c.fact());
                if (actual == null) {
                    continue; // reported as missing
                }
                Resolved expected = resolve(c.value());
                boolean met = compare(actual, c.op(), expected.value());
                step("CONDITION", expected.reference(),
                        c.fact() + " = " + show(actual) + " " + c.op() + " " + show(expected.value()) + (met ? " 满足" : " 不满足") + expected.note(),
                        c.fact() + " = " + show(actual) + " " + c.op() + " " + show(expected.value()) + (met ? ": met" : ": not met") + expected.note());
                if (!met) {
                    reasons.add(ReasonCode.THRESHOLD_NOT_MET);
                }
            }
        }

        private void duplicateCityPolicy() {
            Object project = facts.get("project_ref");
            if (project == null) {
                return;
            }
            for (HistoryItem item : history) {
                if (!item.ofThisPolicy() && item.facts() != null && project.equals(item.facts().get("project_ref"))) {
                    reasons.add(ReasonCode.DUPLICATE_CITY_POLICY);
                    step("G3-NO_DOUBLE_DIPPING", GENERAL, "项目 " + project + " 已获 " + item.policy() + " 支持，不得重复享受",
                            "project " + project + " is already funded by " + item.policy());
                    return;
                }
            }
        }

        // ---- limits read from the history ------------------------------------------------------

        private List<HistoryItem> mine() {
            return history.stream().filter(h -> h.ofThisPolicy() && programme.code().equals(h.programme())).toList();
        }

        private boolean sameSubject(HistoryItem item, List<String> keys) {
            for (String key : keys) {
                Object ours = facts.get(key);
                Object theirs = item.facts() == null ? null : item.facts().get(key);
                if (!Objects.equals(ours == null ? null : ours.toString(), theirs == null ? null : theirs.toString())) {
                    return false;
                }
            }
            return true;
        }

        private void historyLimits() {
            for (Limit limit : programme.limits()) {
                if (limit instanceof Limit.Once once) {
                    if (mine().stream().anyMatch(h -> sameSubject(h, once.per()))) {
                        reasons.add(ReasonCode.ALREADY_AWARDED);
                        step("ONCE", programme.reference(), "首次/一次性：同一事项 " + once.per() + " 已获支持",
                                "first-time/one-off: already awarded for " + once.per());
                    }
                } else if (limit instanceof Limit.ExclusiveGroup group) {
                    List<String> members = policy.groupMembers(group.group());
                    boolean taken = history.stream().anyMatch(h -> h.ofThisPolicy() && members.contains(h.programme())
                            && sameSubject(h, List.of(group.per())));
                    if (taken) {
                        reasons.add(ReasonCode.EXCLUSIVE_GROUP_TAKEN);
                        step("EXCLUSIVE_GROUP", programme.reference(), "不重复享受：" + group.group() + " 已获支持",
                                "exclusive group " + group.group() + " already awarded for " + group.per());
                    }
                } else if (limit instanceof Limit.AnnualCount count) {
                    Resolved max = resolve(count.max());
                    long used = mine().stream().filter(h -> h.asOf().getYear() == asOf.getYear()).count();
                    if (used >= decimal(max.value()).orElseThrow().longValue()) {
                        reasons.add(ReasonCode.ANNUAL_COUNT_REACHED);
                        step("ANNUAL_COUNT", max.reference(), "本年度已获 " + used + " 次，上限 " + show(max.value()) + max.note(),
                                used + " awards this year, at most " + show(max.value()) + max.note());
                    }
                } else if (limit instanceof Limit.Distinct distinct) {
                    boolean clash = mine().stream()
                            .filter(h -> !"year".equals(distinct.scope()) || h.asOf().getYear() == asOf.getYear())
                            .anyMatch(h -> sameSubject(h, List.of(distinct.per())));
                    if (clash) {
                        reasons.add(ReasonCode.SUB_MARKET_TAKEN);
                        step("DISTINCT", programme.reference(), distinct.per() + " = " + facts.get(distinct.per()) + " 本年度已获支持",
                                distinct.per() + " = " + facts.get(distinct.per()) + " already awarded this year");
                    }
                }
            }
        }

        /** Lowers the amount to what each cap leaves; a cap used up is a reason. Null amount: reasons only. */
        private BigDecimal applyCaps(BigDecimal amount) {
            BigDecimal result = amount;
            for (Limit limit : programme.limits()) {
                BigDecimal cap;
                BigDecimal used;
                ReasonCode reason;
                LimitKind kind;
                String key;
                if (limit instanceof Limit.AnnualCap annual) {
                    cap = money(annual.amount());
                    used = sum(mine().stream().filter(h -> h.asOf().getYear() == asOf.getYear()).toList());
                    reason = ReasonCode.ANNUAL_CAP_REACHED;
                    kind = LimitKind.BENEFICIARY_PROGRAMME_YEAR;
                    key = LimitKind.beneficiaryProgrammeYearKey(applicant.id(), programme.code(), asOf.getYear());
                } else if (limit instanceof Limit.CumulativeCap cumulative) {
                    cap = money(cumulative.amount());
                    used = sum(mine().stream().filter(h -> sameSubject(h, List.of(cumulative.per()))).toList());
                    reason = ReasonCode.CUMULATIVE_CAP_REACHED;
                    kind = LimitKind.SUBJECT_CUMULATIVE;
                    key = LimitKind.subjectKey(programme.code(), facts.get(cumulative.per()));
                } else if (limit instanceof Limit.CombinedCap combined) {
                    cap = money(combined.amount());
                    used = sum(mine());
                    reason = ReasonCode.COMBINED_CAP_REACHED;
                    kind = LimitKind.BENEFICIARY_PROGRAMME_TOTAL;
                    key = LimitKind.beneficiaryProgrammeKey(applicant.id(), programme.code());
                } else {
                    continue;
                }
                BigDecimal left = cap.subtract(used).max(BigDecimal.ZERO);
                limits.add(BudgetLimit.money(kind, key, cap.setScale(2, RoundingMode.DOWN)));
                step(kind.name(), programme.reference(), "上限 " + show(cap) + "，已用 " + show(used) + "，剩余 " + show(left),
                        "cap " + show(cap) + ", used " + show(used) + ", left " + show(left));
                if (left.signum() == 0) {
                    reasons.add(reason);
                } else if (result != null && result.compareTo(left) > 0) {
                    result = left;
                }
            }
            return result;
        }

        private BigDecimal sum(List<HistoryItem> items) {
            return items.stream().map(HistoryItem::amount).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        private void budgetLimits(Optional<BigDecimal> ceiling) {
            ceiling.ifPresent(c -> limits.add(0, BudgetLimit.money(LimitKind.PROGRAMME_CEILING,
                    LimitKind.ceilingKey(programme.code(), applicant.id()), c.setScale(2, RoundingMode.DOWN))));
            if (!programme.flags().contains("BLOCK_GRANT")) {
                Parameter amount = policy.parameters().get("annual_award_amount");
                Parameter count = policy.parameters().get("annual_award_count");
                if (amount != null) {
                    amount.at(parameterDate()).ifPresent(v -> limits.add(BudgetLimit.money(LimitKind.BENEFICIARY_YEAR_AMOUNT,
                            LimitKind.beneficiaryYearKey(applicant.id(), asOf.getYear()),
                            new BigDecimal(v.value().toString()).setScale(2, RoundingMode.DOWN))));
                }
                if (count != null) {
                    count.at(parameterDate()).ifPresent(v -> limits.add(BudgetLimit.count(LimitKind.BENEFICIARY_YEAR_COUNT,
                            LimitKind.beneficiaryYearKey(applicant.id(), asOf.getYear()),
                            new BigDecimal(v.value().toString()).intValueExact())));
                }
            }
            for (Limit limit : programme.limits()) {
                if (limit instanceof Limit.ExclusiveGroup g) {
                    limits.add(BudgetLimit.count(LimitKind.EXCLUSIVE_GROUP, LimitKind.exclusiveGroupKey(g.group(), facts.get(g.per())), 1));
                }
            }
        }

        // ---- amounts ---------------------------------------------------------------------------

        private Optional<BigDecimal> amount(Award award) {
            Optional<BigDecimal> amount;
            if (award instanceof Award.None) {
                step("CASE_BY_CASE", programme.reference(), "一事一议，政策未规定金额", "case by case: the text names no amount");
                amount = Optional.empty();
            } else if (award instanceof Award.Rate rate) {
                BigDecimal base = factAmount(rate.base());
                Resolved r = resolve(rate.rate());
                BigDecimal computed = base.multiply(dec(r.value()));
                step("RATE", r.reference(), show(r.value()) + " × " + rate.base() + " " + show(base) + " = " + show(computed) + r.note(),
                        show(r.value()) + " × " + rate.base() + " " + show(base) + " = " + show(computed) + r.note());
                amount = Optional.of(computed);
            } else if (award instanceof Award.Fixed fixed) {
                Resolved r = resolve(fixed.amount());
                step("FIXED", r.reference(), "最高 " + show(r.value()) + r.note(), "at most " + show(r.value()) + r.note());
                amount = Optional.of(dec(r.value()));
            } else if (award instanceof Award.Tiers tiers) {
                amount = tiers(tiers);
            } else if (award instanceof Award.Brackets brackets) {
                amount = Optional.of(brackets(brackets));
            } else if (award instanceof Award.Sum sum) {
                amount = Optional.of(sum(sum));
            } else {
                throw new IllegalStateException("unknown award kind " + award);
            }
            if (amount.isPresent() && award.cap() != null) {
                Resolved cap = resolve(award.cap());
                BigDecimal capped = amount.get().min(dec(cap.value()));
                step("CAP", cap.reference(), "最高 " + show(cap.value()) + "，取 " + show(capped) + cap.note(),
                        "cap " + show(cap.value()) + ", giving " + show(capped) + cap.note());
                amount = Optional.of(capped);
            }
            return amount.map(a -> a.setScale(2, RoundingMode.DOWN));
        }

        private Optional<BigDecimal> tiers(Award.Tiers tiers) {
            Resolved table = resolve(tiers.table());
            Object value = facts.get(tiers.by());
            BigDecimal best = null;
            BigDecimal bestMin = null;
            String chosen = null;
            for (Object row : (List<?>) table.value()) {
                Map<?, ?> tier = (Map<?, ?>) row;
                if (tier.containsKey("key")) {
                    if (String.valueOf(tier.get("key")).equals(String.valueOf(value))) {
                        best = dec(tier.get("amount"));
                        chosen = String.valueOf(tier.get("key"));
                    }
                } else if (decimal(value).isPresent() && decimal(value).get().compareTo(dec(tier.get("min"))) >= 0) {
                    // the highest threshold met decides, whatever the order of the table
                    BigDecimal min = dec(tier.get("min"));
                    if (bestMin == null || min.compareTo(bestMin) > 0) {
                        bestMin = min;
                        best = dec(tier.get("amount"));
                        chosen = "≥ " + show(tier.get("min"));
                    }
                }
            }
            if (best == null) {
                reasons.add(ReasonCode.THRESHOLD_NOT_MET);
                step("TIERS", table.reference(), tiers.by() + " = " + show(value) + " 未达到任何档次" + table.note(),
                        tiers.by() + " = " + show(value) + " meets no tier" + table.note());
                return Optional.empty();
            }
            step("TIERS", table.reference(), tiers.by() + " = " + show(value) + "，档次 " + chosen + "：" + show(best) + table.note(),
                    tiers.by() + " = " + show(value) + ", tier " + chosen + ": " + show(best) + table.note());
            return Optional.of(best);
        }

        private BigDecimal brackets(Award.Brackets brackets) {
            BigDecimal base = factAmount(brackets.base());
            Resolved table = resolve(brackets.table());
            BigDecimal uplift = BigDecimal.ZERO;
            String upliftNote = "";
            if (brackets.uplift() != null && brackets.upliftIfAny() != null
                    && brackets.upliftIfAny().stream().anyMatch(f -> Boolean.TRUE.equals(facts.get(f)))) {
                Resolved u = resolve(brackets.uplift());
                uplift = dec(u.value());
                upliftNote = "，上浮 " + show(u.value()) + u.note();
            }
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal lower = BigDecimal.ZERO;
            StringBuilder parts = new StringBuilder();
            for (Object row : (List<?>) table.value()) {
                Map<?, ?> bracket = (Map<?, ?>) row;
                BigDecimal upper = bracket.get("upto") == null ? null : dec(bracket.get("upto"));
                BigDecimal top = upper == null ? base : base.min(upper);
                if (top.compareTo(lower) > 0) {
                    BigDecimal rate = dec(bracket.get("rate")).add(uplift);
                    BigDecimal part = top.subtract(lower).multiply(rate);
                    total = total.add(part);
                    parts.append(parts.length() == 0 ? "" : " + ").append(show(rate)).append(" × ").append(show(top.subtract(lower)));
                }
                if (upper == null) {
                    break;
                }
                lower = upper;
            }
            step("BRACKETS", table.reference(), parts + " = " + show(total) + upliftNote + table.note(),
                    parts + " = " + show(total) + (uplift.signum() > 0 ? ", uplift " + show(uplift) : "") + table.note());
            return total;
        }

        private BigDecimal sum(Award.Sum sum) {
            BigDecimal total = BigDecimal.ZERO;
            for (Award.Part part : sum.parts()) {
                List<HistoryItem> mine = mine();
                if (part.whenFirst() && !mine.isEmpty()) {
                    partUsedByHistory = true;
                    step("PART_FIRST_ONLY", programme.reference(), "首次奖励部分已享受", "the first-award part was already paid");
                    continue;
                }
                if (part.condition() != null) {
                    Object actual = facts.get(part.condition().fact());
                    Resolved expected = resolve(part.condition().value());
                    if (actual == null || !compare(actual, part.condition().op(), expected.value())) {
                        step("PART_CONDITION", expected.reference(), part.condition().fact() + " 未满足 " + part.condition().op() + " " + show(expected.value()),
                                part.condition().fact() + " does not meet " + part.condition().op() + " " + show(expected.value()));
                        continue;
                    }
                    boolean usedBefore = mine.stream().filter(h -> !part.oncePerYear() || h.asOf().getYear() == asOf.getYear())
                            .anyMatch(h -> h.facts() != null && h.facts().get(part.condition().fact()) != null
                                    && compare(h.facts().get(part.condition().fact()), part.condition().op(), expected.value()));
                    if ((part.oncePerYear() || part.onceEver()) && usedBefore) {
                        partUsedByHistory = true;
                        step("PART_ONCE", programme.reference(), part.condition().fact() + " 部分已享受" + (part.oncePerYear() ? "（本年度）" : ""),
                                part.condition().fact() + " part already paid" + (part.oncePerYear() ? " this year" : ""));
                        continue;
                    }
                }
                Optional<BigDecimal> amount = amount(part.award());
                if (amount.isEmpty()) {
                    continue;
                }
                BigDecimal value = amount.get();
                if (part.per() != null) {
                    Object count = facts.get(part.per());
                    long n = count instanceof Collection<?> c ? c.size() : decimal(count).map(BigDecimal::longValue).orElse(0L);
                    value = value.multiply(BigDecimal.valueOf(n));
                    step("PER", programme.reference(), show(amount.get()) + " × " + n + "（" + part.per() + "）= " + show(value),
                            show(amount.get()) + " × " + n + " (" + part.per() + ") = " + show(value));
                }
                total = total.add(value);
            }
            return total;
        }

        private List<Instalment> instalments(Optional<BigDecimal> ceiling) {
            if (programme.stagingPlan() == null || ceiling.isEmpty()) {
                return List.of();
            }
            Resolved plan = resolve(programme.stagingPlan());
            List<?> stages = (List<?>) plan.value();
            List<BigDecimal> shares = stages.stream().map(stage -> dec(((Map<?, ?>) stage).get("share"))).toList();
            List<BigDecimal> amounts = Staged.split(ceiling.get(), shares);
            List<Instalment> result = new ArrayList<>();
            for (int i = 0; i < stages.size(); i++) {
                Map<?, ?> stage = (Map<?, ?>) stages.get(i);
                int year = decimal(stage.get("year")).orElse(BigDecimal.valueOf(i)).intValue();
                result.add(new Instalment(year, amounts.get(i), shares.get(i)));
            }
            step("STAGING", plan.reference(), "分 " + stages.size() + " 期拨付" + plan.note(), stages.size() + " instalments" + plan.note());
            return List.copyOf(result);
        }

        // ---- helpers -----------------------------------------------------------------------------

        private BigDecimal factAmount(String name) {
            return decimal(facts.get(name)).orElse(BigDecimal.ZERO);
        }

        private BigDecimal money(String ref) {
            return dec(resolve(ref).value());
        }

        private Resolved resolve(Object ref) {
            if (ref instanceof String s && s.startsWith("$")) {
                String name = s.substring(1);
                Parameter parameter = programme.parameters().get(name);
                if (parameter == null) {
                    parameter = policy.parameters().get(name);
                }
                if (parameter == null) {
                    throw new IllegalStateException(programme.code() + ": no parameter " + name);
                }
                DatedValue value = parameter.at(parameterDate()).orElseThrow(() -> new IllegalStateException(
                        programme.code() + ": parameter " + name + " has no value in force on " + parameterDate()));
                return new Resolved(value.value(), value.reference(), paramNote(value));
            }
            return new Resolved(ref, programme.reference(), "");
        }

        /**
         * The date parameters are read at: the evaluation date, kept inside the validity so that an
         * application outside it still gets every other reason explained.
         */
        private LocalDate parameterDate() {
            return asOf.isBefore(policy.validFrom()) ? policy.validFrom()
                    : asOf.isAfter(policy.validTo()) ? policy.validTo() : asOf;
        }

        private void step(String rule, String clause, String zh, String en) {
            trace.add(new TraceStep(rule, clause, zh, en));
        }
    }

    /** A parameter's value with where it comes from. */
    private record Resolved(Object value, String reference, String note) {
    }

    private static String paramNote(DatedValue value) {
        if (value == null) {
            return "";
        }
        return " [" + value.from() + " 起" + (value.isDefault() ? "，默认值 default" : "") + "]";
    }

    private static boolean compare(Object actual, String op, Object expected) {
        if ("in".equals(op)) {
            return expected instanceof Collection<?> c && c.stream().anyMatch(e -> String.valueOf(e).equals(String.valueOf(actual)));
        }
        if (actual instanceof Boolean || expected instanceof Boolean) {
            boolean equal = String.valueOf(actual).equals(String.valueOf(expected));
            return "==".equals(op) ? equal : "!=".equals(op) && !equal;
        }
        Optional<BigDecimal> a = decimal(actual);
        Optional<BigDecimal> e = decimal(expected);
        if (a.isEmpty() || e.isEmpty()) {
            boolean equal = String.valueOf(actual).equals(String.valueOf(expected));
            return "==".equals(op) ? equal : "!=".equals(op) && !equal;
        }
        int cmp = a.get().compareTo(e.get());
        return switch (op) {
            case ">=" -> cmp >= 0;
            case ">" -> cmp > 0;
            case "<=" -> cmp <= 0;
            case "<" -> cmp < 0;
            case "==" -> cmp == 0;
            case "!=" -> cmp != 0;
            default -> throw new IllegalStateException("unknown operator " + op);
        };
    }

    private static BigDecimal dec(Object value) {
        return decimal(value).orElseThrow(() -> new IllegalStateException("not a number in the catalogue: " + value));
    }

    private static String show(Object value) {
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        Optional<BigDecimal> d = value instanceof String ? Optional.empty() : decimal(value);
        return d.map(x -> x.stripTrailingZeros().toPlainString()).orElse(String.valueOf(value));
    }
}
