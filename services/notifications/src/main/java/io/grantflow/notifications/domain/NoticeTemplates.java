package io.grantflow.notifications.domain;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a notice about an application's new status, in Chinese and English: one table of
 * templates, keyed by the status or by the status and the command that led to it, and one rule
 * for the changes the enterprise is not told of ({@link #isSilent}).
 *
 * <p>A template's text names its values as placeholders: {@code {amount}} (yuan, two decimals),
 * {@code {reasonZh}}, {@code {reasonEn}}. A part in square brackets is optional: it is left out
 * when a placeholder in it has no value, so that a notice never prints an empty amount or a
 * reason nobody gave. Every body ends with the application's reference.
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
            BigDecimal amount,
            String reasonZh,
            String reasonEn) {}

    /** The template of one notice: title and body in both languages, with placeholders. */
    record Template(String titleZh, String titleEn, String bodyZh, String bodyEn) {}

    /** Keyed by {@code STATUS} or, where the command matters, {@code STATUS/command}. */
    private static final Map<String, Template> TEMPLATES = new HashMap<>();

    private static void on(String key, String titleZh, String titleEn, String bodyZh, String bodyEn) {
        if (TEMPLATES.put(key, new Template(titleZh, titleEn, bodyZh, bodyEn)) != null) {
            throw new IllegalStateException("two templates for " + key);
        }
    }

    static {
        on(
                "SUBMITTED",
                "申报已提交",
                "Application submitted",
                "您的申报已提交，正在进行资格审核。",
                "Your application was submitted and is being checked.");
        // 免申即享 (ADR 0020): an offer made from a government record
        on(
                "OFFERED",
                "免申即享：请确认申请意愿",
                "Proactive offer: please confirm",
                "依据政府部门的记录，贵单位符合政策条件[，可获补助 {amount} 元]，无需提交申报。请登录平台确认申请意愿并签署信用承诺书，" + "确认后直接进入公示；也可放弃。[依据：{reasonZh}]",
                "Government records show you qualify[ for an award of CNY {amount}] without applying. Sign in to"
                        + " confirm (with the credit commitment) and the award goes straight to public announcement;"
                        + " or decline it.[ Basis: {reasonEn}]");
        on(
                "INELIGIBLE/record_screening",
                "免申即享筛查结果",
                "Proactive offer not made",
                "依据政府部门的记录进行了筛查，本次不适用免申即享。[原因：{reasonZh}] 如需支持，可按常规程序申报。",
                "Government records were screened for an award without application; none can be offered this"
                        + " time.[ Reason: {reasonEn}] You may still apply the ordinary way.");
        on(
                "IN_ANNOUNCEMENT/confirm_offer",
                "免申即享已确认，现予公示",
                "Offer confirmed and announced",
                "您已确认免申即享[，补助 {amount} 元]，现予公示；公示期内无异议的，将按程序批准。",
                "You confirmed the offer[ of CNY {amount}]; it is publicly announced and, without objections,"
                        + " proceeds to approval.");
        on(
                "WITHDRAWN/withdraw_offer",
                "免申即享已撤回",
                "Proactive offer withdrawn",
                "主管部门已撤回本次免申即享。[原因：{reasonZh}] 如需支持，可按常规程序申报。",
                "The department withdrew the offer.[ Reason: {reasonEn}] You may still apply the ordinary way.");
        on(
                "OFFER_DECLINED",
                "已放弃免申即享",
                "Offer declined",
                "您已放弃本次免申即享。[原因：{reasonZh}] 如需支持，可按常规程序申报。",
                "You declined the offer.[ Reason: {reasonEn}] You may still apply the ordinary way.");
        on(
                "ELIGIBLE",
                "资格审核通过",
                "Application eligible",
                "您的申报符合条件[，测算补助上限为 {amount} 元]，等待部门审核。",
                "Your application is eligible[ with a ceiling of CNY {amount}]; the department will review it.");
        on(
                "INELIGIBLE",
                "不符合申报条件",
                "Application not eligible",
                "您的申报不符合条件。[原因：{reasonZh}]",
                "Your application is not eligible.[ Reason: {reasonEn}]");
        on(
                "UNDER_REVIEW",
                "部门审核中",
                "Under department review",
                "您的申请正在部门审核中。",
                "Your application is under department review.");
        on(
                "UNDER_REVIEW/claim",
                "申报已受理",
                "Application taken up for review",
                "部门已受理您的申报，正在审核。",
                "The department has taken up your application and is reviewing it.");
        on(
                "UNDER_REVIEW/resubmit",
                "补正材料已提交",
                "Correction received",
                "您的补正材料已提交，部门继续审核。",
                "Your correction was received; the department continues its review.");
        on(
                "UNDER_REVIEW/uphold_objection",
                "异议成立，重新审核",
                "Objection upheld, under review again",
                "公示期内的异议经核查成立，原拟支持意见撤回，部门将重新审核。[原因：{reasonZh}]",
                "An objection raised during the announcement was found to be founded; the proposed award is"
                        + " withdrawn and the department will review your application again.[ Reason: {reasonEn}]");
        // The budget's figures (the account that ran out, its headroom) are for the reviewer it
        // goes back to; the enterprise, told of the approval, hears that it is reviewed again.
        on(
                "UNDER_REVIEW/record_budget_refusal",
                "资金未能预留，重新审核",
                "Funds not reserved, under review again",
                "批准的补助未能在预算额度内预留资金，申请已退回部门重新审核，结果将另行通知。",
                "The approved award could not be reserved within the budget; the department will review your"
                        + " application again and tell you the outcome.");
        on(
                "CORRECTION_REQUESTED",
                "补正通知",
                "Correction requested",
                "部门审核需要您补正材料，请一次性补正全部事项后重新提交。[需补正事项：{reasonZh}]",
                "The department needs corrections before it continues; please correct every item and resubmit"
                        + " once.[ Items to correct: {reasonEn}]");
        on(
                "IN_ANNOUNCEMENT",
                "拟支持项目公示",
                "Proposed award announced",
                "您的申请拟获支持[，补助 {amount} 元]，现予公示；公示期内无异议的，将按程序批准。",
                "Your application is proposed for an award[ of CNY {amount}] and is publicly announced; without"
                        + " objections it proceeds to approval.");
        on(
                "IN_ANNOUNCEMENT/dismiss_objections",
                "异议不成立，公示继续",
                "Objections dismissed, announcement continues",
                "公示期内的异议经核查不成立，公示继续。[说明：{reasonZh}]",
                "The objections raised during the announcement were found unfounded; the announcement"
                        + " continues.[ Reason: {reasonEn}]");
        on(
                "OBJECTION_RAISED",
                "公示期内收到异议",
                "Objection raised",
                "公示期内收到对您申请的异议，部门正在核查，核查期间暂缓拨付。",
                "An objection to your application was raised during the announcement; the department is"
                        + " looking into it and payment is held meanwhile.");
        on(
                "AWAITING_CITY_APPROVAL",
                "公示期满，报市政府审批",
                "Awaiting the city's approval",
                "公示期满，您的申请[（拟支持 {amount} 元）]已报市政府审批。",
                "The announcement is over; your application[ (proposed award CNY {amount})] awaits the city"
                        + " government's approval.");
        on(
                "APPROVED",
                "申请已批准",
                "Application approved",
                "您的申请已批准[，核定补助 {amount} 元]，正在预留资金。",
                "Your application was approved[ for CNY {amount}]; funds are being reserved.");
        on(
                "PARTLY_PAID",
                "资金已部分拨付",
                "Award partly paid",
                "补助资金已部分拨付至贵单位账户[，累计已拨付 {amount} 元]。",
                "Part of the award has been paid to your account[; CNY {amount} paid so far].");
        on(
                "PAID",
                "资金已拨付",
                "Payment made",
                "补助资金[ {amount} 元]已拨付至贵单位账户。",
                "The award[ of CNY {amount}] has been paid to your account.");
        on(
                "CLOSED",
                "申请已办结",
                "Application closed",
                "您的申请已办结。[说明：{reasonZh}]",
                "Your application's file is closed.[ Note: {reasonEn}]");
        on(
                "WITHDRAWN",
                "申请已撤回",
                "Application withdrawn",
                "您的申请已撤回，办理终止。[原因：{reasonZh}]",
                "Your application was withdrawn; its procedure has ended.[ Reason: {reasonEn}]");
        on(
                "REJECTED",
                "申请未通过",
                "Application rejected",
                "您的申请未通过审核。[原因：{reasonZh}]",
                "Your application was rejected.[ Reason: {reasonEn}]");
        on(
                "CLAWED_BACK",
                "补助资金追回",
                "Award clawed back",
                "已拨付的补助资金依规予以追回[，追回金额 {amount} 元]。[原因：{reasonZh}]",
                "The award paid to you is clawed back[: CNY {amount}].[ Reason: {reasonEn}]");
        // the first flow's states, for events written then
        on(
                "FUNDS_RESERVED",
                "资金已预留",
                "Funds reserved",
                "补助资金[ {amount} 元]已预留，即将拨付。",
                "The award[ of CNY {amount}] has been reserved and will be paid shortly.");
        on(
                "BUDGET_REFUSED",
                "预算额度不足",
                "Budget limit reached",
                "因预算额度不足，暂无法拨付。[原因：{reasonZh}]",
                "The award cannot be funded within the budget.[ Reason: {reasonEn}]");
        on(
                "PAYMENT_FAILED",
                "拨付失败",
                "Payment failed",
                "资金拨付失败。[原因：{reasonZh}]",
                "The payment failed.[ Reason: {reasonEn}]");
        on(
                "APPROVED/record_payment_failure",
                "拨付未成功",
                "Payment did not go through",
                "国库未能完成本次拨付[：{reasonZh}]。批准不受影响，资金仍为您预留；请核对收款账户，财政部门将重新拨付。",
                "The treasury could not make this payment[: {reasonEn}]. The approval stands and the money stays reserved"
                        + " for you; please check the receiving account, finance will pay again.");
    }

    /** A status no template knows: a notice that names it, so that nothing goes untold. */
    private static final Template UNKNOWN =
            new Template("申请状态更新", "Application updated", "您的申请状态已更新为 {status}。", "Your application is now {status}.");

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

    /** The notice of a change, or none where the change is silent. */
    public static Optional<Text> forChange(Change change) {
        return isSilent(change) ? Optional.empty() : Optional.of(render(templateOf(change), change));
    }

    /** The template for a status, the command's own where it has one. */
    static Template templateOf(Change change) {
        Template specific = change.command() == null ? null : TEMPLATES.get(change.status() + "/" + change.command());
        if (specific != null) {
            return specific;
        }
        return TEMPLATES.getOrDefault(change.status(), UNKNOWN);
    }

    /** The keys of the table ({@code STATUS} or {@code STATUS/command}), for tests. */
    static Set<String> keys() {
        return Set.copyOf(TEMPLATES.keySet());
    }

    private static Text render(Template t, Change change) {
        String amount =
                change.amount() == null ? null : change.amount().setScale(2).toPlainString();
        Map<String, String> zh = new HashMap<>();
        zh.put("amount", amount);
        zh.put("status", change.status());
        Map<String, String> en = new HashMap<>(zh);
        zh.put("reasonZh", blankToNull(change.reasonZh()));
        en.put("reasonEn", blankToNull(change.reasonEn()));
        String refZh = "（申请编号 " + change.applicationId() + "，项目 " + change.programme() + "）";
        String refEn = " (application " + change.applicationId() + ", programme " + change.programme() + ")";
        return new Text(
                fill(t.titleZh(), zh),
                fill(t.titleEn(), en),
                fill(t.bodyZh(), zh) + refZh,
                fill(t.bodyEn(), en) + refEn);
    }

    private static final Pattern OPTIONAL = Pattern.compile("\\[([^\\[\\]]*)]");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    /** Fills the placeholders; an optional part goes when one of its placeholders has no value. */
    static String fill(String template, Map<String, String> values) {
        Matcher optional = OPTIONAL.matcher(template);
        StringBuilder out = new StringBuilder();
        while (optional.find()) {
            String part = optional.group(1);
            optional.appendReplacement(out, Matcher.quoteReplacement(allPresent(part, values) ? part : ""));
        }
        optional.appendTail(out);
        Matcher placeholder = PLACEHOLDER.matcher(out.toString());
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    private static boolean allPresent(String part, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(part);
        while (placeholder.find()) {
            if (values.get(placeholder.group(1)) == null) {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
