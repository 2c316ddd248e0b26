package io.grantflow.budget.application;

import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.Approval;
import io.grantflow.budget.domain.Catalogue;
import io.grantflow.budget.domain.Claim;
import io.grantflow.budget.domain.InstalmentPlan;
import io.grantflow.budget.domain.LedgerCommand;
import io.grantflow.budget.domain.LedgerRules;
import io.grantflow.budget.domain.ReservationRequest;
import io.grantflow.budget.persistence.LedgerStore;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.commands.ReverseFundsV1;
import io.grantflow.contracts.commands.VoidReservationV1;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.events.LimitClaim;
import io.grantflow.contracts.events.PaymentCompletedV1;
import io.grantflow.contracts.events.PaymentFailedV1;
import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Problems;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the published commands (and the REST requests shaped like them) into ledger commands,
 * strictly: an amount that is not an exact number of fen, an unknown limit kind or instalments
 * that do not add up is bad input naming its field, and changes nothing.
 */
public final class BudgetCommands {
    private BudgetCommands() {}

    /** Bad input: every field at fault. */
    public static final class InvalidCommandException extends IllegalArgumentException {
        private final List<FieldError> errors;

        public InvalidCommandException(List<FieldError> errors) {
            super(errors.toString());
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** Longest code, id or key a field may hold (the columns' sizes, with room for account names). */
    static final int MAX_CODE = 64;

    static final int MAX_KEY = 150;
    /** A count limit beyond any policy's (10 awards a year by default). */
    static final long MAX_COUNT = 1_000_000;

    /** The conditions an instalment may name, as the contracts publish them. */
    static final Set<String> CONDITIONS =
            Set.of(InstalmentAmount.NONE, InstalmentAmount.FISCAL_YEAR_START, InstalmentAmount.MILESTONE);

    /** A reservation for an application the applications service approved (the Kafka command). */
    public static LedgerCommand.Reserve reserve(
            ReserveFundsV1 c, Instant expiresAt, LedgerRules rules, Catalogue catalogue) {
        return reserve(c, expiresAt, rules, catalogue, Approval.OF_APPLICATION);
    }

    /**
     * A reservation that traces back to {@code approval}. Against a published catalogue the
     * programme must exist, be administered here, belong to the department, and be a block-grant
     * programme exactly when the approval is a block grant's.
     */
    public static LedgerCommand.Reserve reserve(
            ReserveFundsV1 c, Instant expiresAt, LedgerRules rules, Catalogue catalogue, Approval approval) {
        List<FieldError> errors = new ArrayList<>();
        require(c.reservationId(), "reservationId", errors);
        require(c.applicationId(), "applicationId", errors);
        require(c.programme(), "programme", errors);
        require(c.department(), "department", errors);
        require(c.beneficiaryId(), "beneficiaryId", errors);
        length(c.programme(), "programme", MAX_CODE, errors);
        length(c.department(), "department", MAX_CODE, errors);
        length(c.beneficiaryId(), "beneficiaryId", MAX_CODE, errors);
        if (c.programme() != null && !c.programme().matches(Vocabulary.PROGRAMME_PATTERN)) {
            errors.add(field("programme", "INVALID", "项目代码格式错误", "malformed programme code"));
        } else if (c.programme() != null && catalogue.published()) {
            Optional<Catalogue.Programme> programme = catalogue.programme(c.programme());
            if (programme.isEmpty()) {
                errors.add(field(
                        "programme", "UNKNOWN_PROGRAMME", "政策目录中没有该项目", "no such programme in the policy catalogue"));
            } else if (!programme.get().administered()) {
                errors.add(field(
                        "programme",
                        "NOT_ADMINISTERED",
                        "该项目不由本平台受理（另行制定或非奖补）",
                        "this programme is not administered here (a separate policy, or not a subsidy)"));
            } else {
                if (c.department() != null && !Vocabulary.DEPARTMENT_CODES.contains(c.department())) {
                    errors.add(field(
                            "department",
                            "UNKNOWN_DEPARTMENT",
                            "未知部门：" + Problems.echo(c.department()),
                            "unknown department: " + Problems.echo(c.department())));
                } else if (c.department() != null
                        && !programme.get().departments().contains(c.department())) {
                    errors.add(field(
                            "department",
                            "NOT_THE_PROGRAMMES_DEPARTMENT",
                            "该部门不负责此项目",
                            "this department does not administer the programme"));
                }
                if (programme.get().blockGrant() != approval.blockGrant()) {
                    errors.add(field(
                            "programme",
                            approval.blockGrant() ? "NOT_A_BLOCK_GRANT" : "BLOCK_GRANT_ONLY",
                            approval.blockGrant() ? "该项目不以拨改转方式拨付" : "该项目只以拨改转方式拨付给区县",
                            approval.blockGrant()
                                    ? "this programme is not paid as a block grant"
                                    : "this programme is paid to districts as a block grant only"));
                }
            }
        }
        if (c.fiscalYear() < 2000 || c.fiscalYear() > 2100) {
            errors.add(field("fiscalYear", "INVALID", "年份无效", "invalid year"));
        }
        if (expiresAt != null && expiresAt.isAfter(Instant.now().plus(Duration.ofDays(3660)))) {
            errors.add(field("expiresAt", "TOO_LATE", "到期时间不得晚于十年后", "expiresAt may be at most ten years ahead"));
        }
        long amount = fen(c.amount(), "amount", errors);
        List<InstalmentPlan> instalments = new ArrayList<>();
        List<InstalmentAmount> given = c.instalments() == null ? List.of() : c.instalments();
        for (int i = 0; i < given.size(); i++) {
            InstalmentAmount a = given.get(i);
            if (a == null) {
                errors.add(field("instalments[" + i + "]", "REQUIRED", "必填", "required"));
                continue;
            }
            String condition = a.condition();
            if (condition != null && !CONDITIONS.contains(condition)) {
                errors.add(field(
                        "instalments[" + i + "].condition",
                        "UNKNOWN_CONDITION",
                        "拨付条件须为 NONE、FISCAL_YEAR_START 或 MILESTONE",
                        "condition must be NONE, FISCAL_YEAR_START or MILESTONE"));
                condition = null;
            }
            instalments.add(new InstalmentPlan(
                    a.fiscalYear(), fen(a.amount(), "instalments[" + i + "].amount", errors), condition));
        }
        List<Claim> claims = new ArrayList<>();
        List<LimitClaim> limits = c.limits() == null ? List.of() : c.limits();
        for (int i = 0; i < limits.size(); i++) {
            LimitClaim l = limits.get(i);
            String at = "limits[" + i + "]";
            if (l == null || l.kind() == null || l.key() == null || l.key().isBlank()) {
                errors.add(field(at, "REQUIRED", "限额须有类型和键", "a limit needs a kind and a key"));
                continue;
            }
            if (l.key().length() > MAX_KEY) {
                errors.add(field(
                        at + ".key", "TOO_LONG", "键过长（最多" + MAX_KEY + "字符）", "key too long (at most " + MAX_KEY + ")"));
                continue;
            }
            Optional<LimitKind> parsed = l.parsedKind().filter(Claim::known);
            if (parsed.isEmpty()) {
                errors.add(field(
                        at + ".kind",
                        "UNKNOWN_LIMIT",
                        "未知的限额类型：" + Problems.echo(l.kind()),
                        "unknown limit kind: " + Problems.echo(l.kind())));
                continue;
            }
            LimitKind kind = parsed.get();
            long limit;
            if (kind.unit() == LimitKind.Unit.COUNT) {
                // a number of awards is an integer, never an amount of money
                if (l.limit() != null) {
                    errors.add(field(
                            at + ".limit",
                            "NOT_MONEY",
                            "次数类限额不带金额，请用 count",
                            "a count limit has no amount: use count"));
                    continue;
                }
                if (l.count() == null) {
                    errors.add(field(at + ".count", "REQUIRED", "必填", "required"));
                    continue;
                }
                if (l.count() < 0 || l.count() > MAX_COUNT) {
                    errors.add(field(
                            at + ".count",
                            "INVALID_COUNT",
                            "次数须为0至" + MAX_COUNT + "的整数",
                            "a count must be a whole number from 0 to " + MAX_COUNT));
                    continue;
                }
                limit = l.count();
            } else {
                if (l.count() != null) {
                    errors.add(field(
                            at + ".count",
                            "NOT_A_COUNT",
                            "金额类限额不带次数，请用 limit",
                            "an amount limit has no count: use limit"));
                    continue;
                }
                if (l.limit() == null) {
                    errors.add(field(at + ".limit", "REQUIRED", "必填", "required"));
                    continue;
                }
                limit = fen(l.limit(), at + ".limit", errors);
            }
            claims.add(new Claim(kind, l.key(), limit));
        }
        if (!errors.isEmpty()) {
            throw new InvalidCommandException(errors);
        }
        ReservationRequest request = new ReservationRequest(
                c.reservationId(),
                c.applicationId(),
                c.programme(),
                c.department(),
                c.beneficiaryId(),
                c.beneficiaryKind(),
                c.fiscalYear(),
                amount,
                instalments,
                claims,
                expiresAt != null
                        ? expiresAt
                        : (c.requestedAt() == null ? Instant.now() : c.requestedAt()).plus(rules.reservationTtl()),
                approval);
        for (ReservationRequest.Problem p : request.problems()) {
            errors.add(new FieldError(p.field(), "INVALID", p.message()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidCommandException(errors);
        }
        return new LedgerCommand.Reserve(request);
    }

    public static LedgerCommand.Post post(PaymentCompletedV1 p) {
        List<FieldError> errors = new ArrayList<>();
        require(p.reservationId(), "reservationId", errors);
        long amount = fen(p.amount(), "amount", errors);
        if (!errors.isEmpty()) {
            throw new InvalidCommandException(errors);
        }
        return new LedgerCommand.Post(
                p.reservationId(),
                null,
                amount,
                p.paymentId() == null ? null : p.paymentId().toString());
    }

    public static LedgerCommand.Void paymentFailed(PaymentFailedV1 p) {
        List<FieldError> errors = new ArrayList<>();
        require(p.reservationId(), "reservationId", errors);
        if (!errors.isEmpty()) {
            throw new InvalidCommandException(errors);
        }
        return new LedgerCommand.Void(p.reservationId(), "支付失败 / payment failed: " + p.code());
    }

    public static LedgerCommand.Void voidReservation(VoidReservationV1 v) {
        List<FieldError> errors = new ArrayList<>();
        require(v.reservationId(), "reservationId", errors);
        require(v.reason(), "reason", errors);
        length(v.reason(), "reason", 2000, errors);
        if (!errors.isEmpty()) {
            throw new InvalidCommandException(errors);
        }
        return new LedgerCommand.Void(v.reservationId(), v.reason());
    }

    public static LedgerCommand.Reverse reverse(ReverseFundsV1 r) {
        List<FieldError> errors = new ArrayList<>();
        require(r.reversalId(), "reversalId", errors);
        require(r.reservationId(), "reservationId", errors);
        require(r.reason(), "reason", errors);
        length(r.reason(), "reason", 2000, errors);
        long amount = fen(r.amount(), "amount", errors);
        if (amount == 0 && errors.isEmpty()) {
            errors.add(field("amount", "INVALID_AMOUNT", "金额须大于零", "the amount must be positive"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidCommandException(errors);
        }
        return new LedgerCommand.Reverse(r.reversalId(), r.reservationId(), amount, r.reason());
    }

    static long fen(BigDecimal value, String name, List<FieldError> errors) {
        if (value == null) {
            errors.add(field(name, "REQUIRED", "必填", "required"));
            return 0;
        }
        try {
            return LedgerStore.units(AccountKind.Unit.FEN, Money.exact(value));
        } catch (Money.InvalidAmountException e) {
            errors.add(field(
                    name,
                    "INVALID_AMOUNT",
                    "金额须为非负且最多两位小数",
                    "an amount must be non-negative with at most two decimals"));
            return 0;
        }
    }

    private static void length(String value, String name, int max, List<FieldError> errors) {
        if (value != null && value.length() > max) {
            errors.add(field(name, "TOO_LONG", "过长（最多" + max + "字符）", "too long (at most " + max + " characters)"));
        }
    }

    private static void require(Object value, String name, List<FieldError> errors) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            errors.add(field(name, "REQUIRED", "必填", "required"));
        }
    }

    private static FieldError field(String name, String code, String zh, String en) {
        return new FieldError(name, code, zh, en);
    }
}
