package io.grantflow.applications.domain.attachment;

import io.grantflow.platform.text.Bilingual;

/** What an attachment is to the application: the kinds of evidence the departments ask for. */
public enum DocumentType {
    BUSINESS_LICENCE("营业执照或法人登记证书", "Business licence or legal-person registration certificate"),
    FINANCIAL_STATEMENT("财务报表", "Financial statements"),
    AUDIT_REPORT("审计报告或专项审计报告", "Audit report or special audit report"),
    TAX_CERTIFICATE("纳税或社保缴纳证明", "Tax or social insurance payment certificate"),
    INVOICE("发票或付款凭证", "Invoices or payment vouchers"),
    CONTRACT("合同或协议", "Contract or agreement"),
    PROJECT_PLAN("项目申报书或实施方案", "Project application or implementation plan"),
    QUALIFICATION("资质、荣誉或备案证明", "Qualification, honour or filing certificate"),
    CREDIT_COMMITMENT("签章的信用承诺书", "Signed and sealed credit commitment"),
    OTHER("其他材料", "Other material");

    private final Bilingual label;

    DocumentType(String zh, String en) {
        this.label = Bilingual.of(zh, en);
    }

    public Bilingual label() {
        return label;
    }
}
