package io.grantflow.applications.domain.call;

import io.grantflow.platform.money.Money;
import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A call for applications (申报批次) of an ON_MERIT (择优) programme: the window in which
 * applications are accepted, an optional budget the ranked list is cut at, and the criteria
 * reviewers score against, weighted to 100 per cent. Open, then closed (no more applications),
 * then announced (its list went to 公示 as one announcement).
 */
public final class Call {
    /** Where a call stands. */
    public enum Status {
        OPEN,
        CLOSED,
        ANNOUNCED
    }

    public static final int MAX_CRITERIA = 20;
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final UUID id;
    private final String programme;
    private final String department;
    private final Bilingual title;
    private final Instant opensAt;
    private final Instant closesAt;
    private final BigDecimal budget;
    private final List<Criterion> criteria;
    private Status status;

    public Call(
            UUID id,
            String programme,
            String department,
            Bilingual title,
            Instant opensAt,
            Instant closesAt,
            BigDecimal budget,
            List<Criterion> criteria,
            Status status) {
        this.id = Objects.requireNonNull(id, "id");
        this.programme = Objects.requireNonNull(programme, "programme");
        this.department = Objects.requireNonNull(department, "department");
        this.title = Objects.requireNonNull(title, "title");
        this.opensAt = Objects.requireNonNull(opensAt, "opensAt");
        this.closesAt = Objects.requireNonNull(closesAt, "closesAt");
        this.budget = budget == null ? null : Money.exact(budget);
        this.criteria = List.copyOf(criteria);
        this.status = Objects.requireNonNull(status, "status");
    }

    /** A new call, checked: a window that ends after it opens, a positive budget, criteria weighted to 100. */
    public static Call open(
            UUID id,
            String programme,
            String department,
            Bilingual title,
            Instant opensAt,
            Instant closesAt,
            BigDecimal budget,
            List<Criterion> criteria) {
        if (!closesAt.isAfter(opensAt)) {
            throw CallException.invalid(
                    "WINDOW_EMPTY", "closesAt", "截止时间须晚于开始时间", "The call must close after it opens");
        }
        if (budget != null && budget.signum() <= 0) {
            throw CallException.invalid("BUDGET_NOT_POSITIVE", "budget", "批次预算须大于零", "A call's budget is positive");
        }
        if (criteria == null || criteria.isEmpty() || criteria.size() > MAX_CRITERIA) {
            throw CallException.invalid(
                    "CRITERIA_COUNT",
                    "criteria",
                    "评审指标须有1到" + MAX_CRITERIA + "项",
                    "A call has 1 to " + MAX_CRITERIA + " criteria");
        }
        Set<String> codes = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Criterion c : criteria) {
            if (!c.code().matches(Criterion.CODE_PATTERN) || !codes.add(c.code())) {
                throw CallException.invalid(
                        "CRITERION_CODE",
                        "criteria",
                        "指标代码须唯一，且为小写字母、数字与下划线：" + c.code(),
                        "Criterion codes are unique lower-case letters, digits and underscores: " + c.code());
            }
            if (c.weight().signum() <= 0 || c.weight().scale() > 2) {
                throw CallException.invalid(
                        "CRITERION_WEIGHT",
                        "criteria",
                        "指标权重须为正数，最多两位小数：" + c.code(),
                        "A criterion's weight is positive, with at most two decimals: " + c.code());
            }
            sum = sum.add(c.weight());
        }
        if (sum.compareTo(HUNDRED) != 0) {
            throw CallException.invalid(
                    "WEIGHTS_NOT_100",
                    "criteria",
                    "指标权重合计须为100，现为 " + sum.toPlainString(),
                    "The weights add up to " + sum.toPlainString() + ", not 100");
        }
        return new Call(id, programme, department, title, opensAt, closesAt, budget, criteria, Status.OPEN);
    }

    /** Whether an application may be submitted to this call at this instant. */
    public boolean accepting(Instant at) {
        return status == Status.OPEN && !at.isBefore(opensAt) && at.isBefore(closesAt);
    }

    /** Whether the window has ended while the call is still open: the deadline job closes it. */
    public boolean windowEndedAt(Instant at) {
        return status == Status.OPEN && !at.isBefore(closesAt);
    }

    /** No more applications: the reviewers finish scoring, the list is ranked. */
    public void close() {
        if (status != Status.OPEN) {
            throw CallException.conflict("CALL_NOT_OPEN", "该批次已截止", "The call is not open");
        }
        status = Status.CLOSED;
    }

    /** The ranked list went to public announcement. */
    public void announced() {
        if (status != Status.CLOSED) {
            throw CallException.conflict(
                    "CALL_NOT_CLOSED",
                    status == Status.OPEN ? "批次尚未截止，不能公示" : "该批次已公示",
                    status == Status.OPEN ? "The call is still open" : "The call was announced already");
        }
        status = Status.ANNOUNCED;
    }

    /**
     * The weighted score of one application: every criterion scored from 0 to 100 (two decimals
     * at most), no other; the total is Σ score × weight / 100, to two decimals.
     */
    public Score score(Map<String, BigDecimal> scores) {
        if (scores == null) {
            throw CallException.invalid("SCORES_MISSING", "scores", "请为每项指标评分", "Score every criterion");
        }
        Map<String, BigDecimal> given = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Criterion c : criteria) {
            BigDecimal s = scores.get(c.code());
            if (s == null) {
                throw CallException.invalid(
                        "SCORE_MISSING", "scores." + c.code(), "缺少该指标的评分", "This criterion is not scored");
            }
            if (s.signum() < 0
                    || s.compareTo(HUNDRED) > 0
                    || s.stripTrailingZeros().scale() > 2) {
                throw CallException.invalid(
                        "SCORE_RANGE",
                        "scores." + c.code(),
                        "评分须在0到100之间，最多两位小数",
                        "A score is from 0 to 100, with at most two decimals");
            }
            given.put(c.code(), s.setScale(2, RoundingMode.UNNECESSARY));
            total = total.add(s.multiply(c.weight()));
        }
        for (String code : scores.keySet()) {
            if (given.get(code) == null) {
                throw CallException.invalid(
                        "UNKNOWN_CRITERION", "scores." + code, "本批次没有该指标", "This call has no such criterion");
            }
        }
        return new Score(given, total.divide(HUNDRED, 2, RoundingMode.HALF_UP));
    }

    /** One application's scores and its weighted total. */
    public record Score(Map<String, BigDecimal> scores, BigDecimal total) {}

    public UUID id() {
        return id;
    }

    public String programme() {
        return programme;
    }

    public String department() {
        return department;
    }

    public Bilingual title() {
        return title;
    }

    public Instant opensAt() {
        return opensAt;
    }

    public Instant closesAt() {
        return closesAt;
    }

    public BigDecimal budget() {
        return budget;
    }

    public List<Criterion> criteria() {
        return criteria;
    }

    public Status status() {
        return status;
    }
}
