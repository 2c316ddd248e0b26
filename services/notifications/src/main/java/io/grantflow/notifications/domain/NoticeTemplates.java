package io.grantflow.notifications.domain;

import java.math.BigDecimal;

/** The words of a notice about an application's new status, in Chinese and English. */
public final class NoticeTemplates {
    private NoticeTemplates() {}

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

    public static Text forStatus(
            String status,
            String programme,
            String applicationId,
            BigDecimal amount,
            String reasonZh,
            String reasonEn) {
        String amountText = amount == null ? "" : amount.setScale(2).toPlainString();
        String zhReason = reasonZh == null ? "" : "原因：" + reasonZh;
        String enReason = reasonEn == null ? "" : " Reason: " + reasonEn;
        String ref = "（申请编号 " + applicationId + "，项目 " + programme + "）";
        String refEn = " (application " + applicationId + ", programme " + programme + ")";
        return switch (status) {
            case "SUBMITTED" ->
                new Text(
                        "申报已提交",
                        "Application submitted",
                        "您的申报已提交，正在进行资格审核。" + ref,
                        "Your application was submitted and is being checked." + refEn);
            case "ELIGIBLE" ->
                new Text(
                        "资格审核通过",
                        "Application eligible",
                        "您的申报符合条件，测算补助上限为 " + amountText + " 元，等待部门审核。" + ref,
                        "Your application is eligible with a ceiling of CNY " + amountText
                                + "; the department will review it." + refEn);
            case "INELIGIBLE" ->
                new Text(
                        "不符合申报条件",
                        "Application not eligible",
                        "您的申报不符合条件。" + zhReason + ref,
                        "Your application is not eligible." + enReason + refEn);
            case "APPROVED" ->
                new Text(
                        "部门审核通过",
                        "Application approved",
                        "部门已核定补助 " + amountText + " 元，正在预留资金。" + ref,
                        "The department approved CNY " + amountText + "; funds are being reserved." + refEn);
            case "REJECTED" ->
                new Text(
                        "部门审核未通过",
                        "Application rejected",
                        "部门审核未通过。" + zhReason + ref,
                        "The department rejected your application." + enReason + refEn);
            case "FUNDS_RESERVED" ->
                new Text(
                        "资金已预留",
                        "Funds reserved",
                        "补助资金 " + amountText + " 元已预留，即将拨付。" + ref,
                        "CNY " + amountText + " has been reserved and will be paid shortly." + refEn);
            case "BUDGET_REFUSED" ->
                new Text(
                        "预算额度不足",
                        "Budget limit reached",
                        "因预算额度不足，暂无法拨付。" + zhReason + ref,
                        "The award cannot be funded within the budget." + enReason + refEn);
            case "PAID" ->
                new Text(
                        "资金已拨付",
                        "Payment made",
                        "补助资金 " + amountText + " 元已拨付至贵单位账户。" + ref,
                        "CNY " + amountText + " has been paid to your account." + refEn);
            case "PAYMENT_FAILED" ->
                new Text(
                        "拨付失败", "Payment failed", "资金拨付失败。" + zhReason + ref, "The payment failed." + enReason + refEn);
            default ->
                new Text(
                        "申请状态更新",
                        "Application updated",
                        "您的申请状态已更新为 " + status + "。" + ref,
                        "Your application is now " + status + "." + refEn);
        };
    }
}
