package io.grantflow.notifications.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is told of an event, and from which template: the words themselves are Qute templates,
 * one file per event (a status, or a status and the command that led to it) and language, under
 * {@code templates/notices/<recipient kind>/} (ADR 0025). This class is the rule: the changes the
 * enterprise is not told of ({@link #isSilent}), the few a reviewing department or the city
 * approver must act on, and the values a template may print.
 *
 * <p>Values: {@code amount} (yuan, two decimals), {@code reasonZh}, {@code reasonEn},
 * {@code status}, {@code applicationId}, {@code programme}, {@code applicantId}; a missing value
 * is null, and the templates leave out the part that would print it ({@code {#if}}).
 */
public final class NoticeTemplates {
    private NoticeTemplates() {}

    /**
     * States the enterprise is not told of: its own draft, the department's steps before the
     * announcement (a recommendation and its second reviewer's confirmation are internal until the
     * proposed award is announced), and an offer being screened (免申即享, ADR 0020: the enterprise
     * hears of it once screened, offered or not).
     */
    public static final Set<String> SILENT_STATUSES =
            Set.of("DRAFT", "AWAITING_CONFIRMATION", "RECOMMENDED", "SCREENING");

    /**
     * Commands the enterprise is not told of, whatever the state: the budget's reservation of an
     * approval it was already told of, a second reviewer sending back a recommendation it never
     * heard of, and the application clearing disbursement to send a payment (the payment itself is
     * told when it arrives or fails).
     */
    public static final Set<String> SILENT_COMMANDS =
            Set.of("record_funds_reserved", "decline_confirmation", "clear_payment");

    /**
     * Commands the enterprise is not told of again when they keep the state: a second objection
     * tells nothing the first did not. (A second instalment, PARTLY_PAID to PARTLY_PAID, is told:
     * money arrived.)
     */
    public static final Set<String> SILENT_REPEATS = Set.of("raise_objection");

    /**
     * The enterprise's templates ({@code STATUS} or {@code STATUS/command}); a status none knows
     * gets {@link #FALLBACK}, a notice that names it, so that nothing goes untold.
     */
    public static final Set<String> ENTERPRISE_KEYS = Set.of(
            "SUBMITTED",
            "OFFERED",
            "INELIGIBLE/record_screening",
            "IN_ANNOUNCEMENT/confirm_offer",
            "OFFER_DECLINED",
            "ELIGIBLE",
            "INELIGIBLE",
            "UNDER_REVIEW",
            "UNDER_REVIEW/claim",
            "UNDER_REVIEW/resubmit",
            "UNDER_REVIEW/record_reevaluation",
            "UNDER_REVIEW/uphold_objection",
            "UNDER_REVIEW/record_budget_refusal",
            "CORRECTION_REQUESTED",
            "IN_ANNOUNCEMENT",
            "IN_ANNOUNCEMENT/dismiss_objections",
            "OBJECTION_RAISED",
            "AWAITING_CITY_APPROVAL",
            "APPROVED",
            "PARTLY_PAID",
            "PAID",
            "CLOSED",
            "WITHDRAWN",
            "WITHDRAWN/withdraw_offer",
            "REJECTED",
            "CLAWED_BACK",
            "FUNDS_RESERVED",
            "BUDGET_REFUSED",
            "PAYMENT_FAILED",
            "APPROVED/record_payment_failure");

    public static final String FALLBACK = "fallback";

    /**
     * What the reviewing department must act on or hear of: a new eligible application to take
     * up, a correction back, a recommendation awaiting its second reviewer, an objection to
     * examine, an approval the budget refused (with the budget's figures), the city's approval, a
     * failed payment, a withdrawal and a clawback. The rest are its own steps.
     */
    public static final Set<String> DEPARTMENT_KEYS = Set.of(
            "ELIGIBLE",
            "UNDER_REVIEW/resubmit",
            "UNDER_REVIEW/record_reevaluation",
            "AWAITING_CONFIRMATION",
            "OBJECTION_RAISED",
            "UNDER_REVIEW/record_budget_refusal",
            "APPROVED/city_approve",
            "APPROVED/record_payment_failure",
            "WITHDRAWN",
            "CLAWED_BACK");

    /** What the city approver is told: an application that waits for the city's approval. */
    public static final Set<String> CITY_KEYS = Set.of("AWAITING_CITY_APPROVAL");

    /** Finance's templates, one per event type (NoticeEvents) other than an application's change. */
    public static final Set<String> FINANCE_KEYS = Set.of(
            NoticeEvents.PAYMENT_COMPLETED,
            NoticeEvents.PAYMENT_FAILED,
            NoticeEvents.RESERVATION_REFUSED,
            NoticeEvents.FUNDS_REVERSED);

    /**
     * What the enterprise and the award's department are told of each recovery of a recovery
     * order (ADR 0029); of the order itself they hear through the application's CLAWED_BACK.
     */
    public static final String RECOVERY_KEY = NoticeEvents.RECOVERY_RECORDED;

    /** A notice's title and body in both languages. */
    public record Text(String titleZh, String titleEn, String bodyZh, String bodyEn) {
        /** E-mail subject: both languages, Chinese first. */
        public String subject() {
            return titleZh + " / " + titleEn;
        }

        /** E-mail body: the Chinese text, then the English. */
        public String mailBody() {
            return bodyZh + "\n\n" + bodyEn + "\n";
        }
    }

    /** What a notice is written from: an application's change as the applications service announced it. */
    public record Change(
            String previousStatus,
            String status,
            String command,
            String programme,
            String applicationId,
            String applicantId,
            BigDecimal amount,
            String reasonZh,
            String reasonEn) {}

    /**
     * One notice to write: to whom, of which event type, from which template (its path under
     * {@code templates/notices/} without language and suffix, such as
     * {@code enterprise/UNDER_REVIEW.claim}) and with which values.
     */
    public record Planned(Recipient recipient, String eventType, String template, Map<String, Object> values) {}

    /**
     * Whether the enterprise is told nothing of this change: a silent state, a silent command, or
     * a silent command repeated in the same state.
     */
    public static boolean isSilent(Change change) {
        String command = change.command();
        return SILENT_STATUSES.contains(change.status())
                || (command != null && SILENT_COMMANDS.contains(command))
                || (command != null
                        && SILENT_REPEATS.contains(command)
                        && change.status().equals(change.previousStatus()));
    }

    /** The enterprise's template key of a change: the command's own where it has one, else the status's. */
    public static String enterpriseKey(Change change) {
        String specific = change.command() == null ? null : change.status() + "/" + change.command();
        if (specific != null && ENTERPRISE_KEYS.contains(specific)) {
            return specific;
        }
        return ENTERPRISE_KEYS.contains(change.status()) ? change.status() : FALLBACK;
    }

    /** The key of a change among {@code keys}: the command's own, else the status's, else none. */
    static String keyAmong(Set<String> keys, Change change) {
        String specific = change.command() == null ? null : change.status() + "/" + change.command();
        if (specific != null && keys.contains(specific)) {
            return specific;
        }
        return keys.contains(change.status()) ? change.status() : null;
    }

    /** A template's path: {@code <folder>/<key with / as .>}. */
    public static String templatePath(String folder, String key) {
        return folder + "/" + key.replace('/', '.');
    }

    /**
     * The notices of an application's change: the enterprise's (unless silent), each department's
     * that administers the programme or approved it (where the change is one it must hear of), and
     * the city approver's.
     */
    public static List<Planned> forChange(Change change, Collection<String> departments) {
        Map<String, Object> values = values(change);
        List<Planned> out = new ArrayList<>();
        if (!isSilent(change)
                && change.applicantId() != null
                && !change.applicantId().isBlank()) {
            Recipient enterprise = Recipient.enterprise(change.applicantId());
            out.add(new Planned(
                    enterprise,
                    NoticeEvents.APPLICATION_STATUS_CHANGED,
                    templatePath(enterprise.templateFolder(), enterpriseKey(change)),
                    values));
        }
        String departmentKey = keyAmong(DEPARTMENT_KEYS, change);
        if (departmentKey != null) {
            for (String department : new LinkedHashSet<>(departments)) {
                if (department == null || department.isBlank()) {
                    continue;
                }
                Recipient r = Recipient.department(department);
                out.add(new Planned(
                        r,
                        NoticeEvents.APPLICATION_STATUS_CHANGED,
                        templatePath(r.templateFolder(), departmentKey),
                        values));
            }
        }
        String cityKey = keyAmong(CITY_KEYS, change);
        if (cityKey != null && !change.status().equals(change.previousStatus())) {
            out.add(new Planned(
                    Recipient.CITY,
                    NoticeEvents.APPLICATION_STATUS_CHANGED,
                    templatePath(Recipient.CITY.templateFolder(), cityKey),
                    values));
        }
        return out;
    }

    /** Finance's notice of a payment, a refusal or a reversal, from the event's values. */
    public static Planned forFinance(String eventType, Map<String, Object> values) {
        if (!FINANCE_KEYS.contains(eventType)) {
            throw new IllegalArgumentException("no finance notice of " + eventType);
        }
        Map<String, Object> v = new HashMap<>(values);
        for (String name : List.of(
                "applicationId",
                "paymentId",
                "reservationId",
                "beneficiaryId",
                "amount",
                "requested",
                "headroom",
                "account",
                "treasuryReference",
                "code",
                "reasonZh",
                "reasonEn")) {
            v.putIfAbsent(name, null);
            if (v.get(name) instanceof String s && s.isBlank()) {
                v.put(name, null);
            }
        }
        // a district block grant's id is its own, not an application's (the payment's origin says which)
        v.putIfAbsent("blockGrant", false);
        return new Planned(
                Recipient.FINANCE, eventType, templatePath(Recipient.FINANCE.templateFolder(), eventType), v);
    }

    /**
     * The notices of a recovery: the enterprise's and, when the order names one, its department's.
     * Values: {@code reference}, {@code kind} (OFFSET or REPAYMENT), {@code amount},
     * {@code outstanding}, {@code settled}, {@code paymentId}, {@code applicationId}.
     */
    public static List<Planned> forRecovery(String applicantId, String department, Map<String, Object> values) {
        Map<String, Object> v = new HashMap<>(values);
        for (String name : List.of("reference", "kind", "amount", "outstanding", "paymentId", "applicationId")) {
            v.putIfAbsent(name, null);
        }
        v.put("offset", "OFFSET".equals(v.get("kind")));
        v.putIfAbsent("settled", false);
        List<Planned> out = new ArrayList<>();
        if (applicantId != null && !applicantId.isBlank()) {
            Recipient enterprise = Recipient.enterprise(applicantId);
            out.add(new Planned(
                    enterprise,
                    NoticeEvents.RECOVERY_RECORDED,
                    templatePath(enterprise.templateFolder(), RECOVERY_KEY),
                    v));
        }
        if (department != null && !department.isBlank()) {
            Recipient r = Recipient.department(department);
            out.add(new Planned(r, NoticeEvents.RECOVERY_RECORDED, templatePath(r.templateFolder(), RECOVERY_KEY), v));
        }
        return out;
    }

    /** An amount as the notices print it: yuan with two decimals, never in exponent form. */
    public static String yuan(BigDecimal amount) {
        return amount == null
                ? null
                : amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static Map<String, Object> values(Change change) {
        Map<String, Object> v = new HashMap<>();
        v.put("amount", yuan(change.amount()));
        v.put("status", change.status());
        v.put("previousStatus", change.previousStatus());
        v.put("command", change.command());
        v.put("applicationId", change.applicationId());
        v.put("programme", change.programme());
        v.put("applicantId", change.applicantId());
        v.put("reasonZh", blankToNull(change.reasonZh()));
        v.put("reasonEn", blankToNull(change.reasonEn()));
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
