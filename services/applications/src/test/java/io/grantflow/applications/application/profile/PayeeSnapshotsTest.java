package io.grantflow.applications.application.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.applications.persistence.ApplicantProfileEntity;
import io.grantflow.contracts.events.PaymentClearanceV1;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PayeeSnapshotsTest {
    private static final Instant AT = Instant.parse("2026-12-06T08:00:00Z");

    @Test
    void aProfileWithAnAccountGivesItsNameAccountVersionAndEditor() {
        ApplicantProfileEntity row = profile();
        PaymentClearanceV1.Payee payee = PayeeSnapshots.snapshot(row);
        assertThat(payee)
                .isEqualTo(new PaymentClearanceV1.Payee(
                        "杭州示例科技有限公司", "中国工商银行杭州分行", "杭州示例科技有限公司", "6222020202020202", 3, "ent-admin"));
    }

    @Test
    void noProfileOrNoAccountGivesNoPayee() {
        assertThat(PayeeSnapshots.snapshot(null)).isNull();
        ApplicantProfileEntity row = profile();
        row.bankName = null;
        row.bankAccountName = null;
        row.bankAccountNumber = null;
        assertThat(PayeeSnapshots.snapshot(row)).isNull();
    }

    @Test
    void aRefusalOrAnotherMessageIsLeftAsItIs() {
        PaymentClearanceV1 refused = new PaymentClearanceV1(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                false,
                "WITHDRAWN",
                "NOT_PAYABLE",
                "不予拨付",
                "not paid",
                AT);
        PayeeSnapshots payees = new PayeeSnapshots();
        assertThat(payees.fill(refused, "91330100MA2B000001").await().indefinitely())
                .isSameAs(refused);
        assertThat(payees.fill(refused, null).await().indefinitely()).isSameAs(refused);
    }

    @Test
    void theOldConstructorCarriesNoPayeeAndWithPayeeKeepsTheRest() {
        PaymentClearanceV1 cleared = new PaymentClearanceV1(
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), true, "APPROVED", null, null, null, AT);
        assertThat(cleared.payee()).isNull();
        PaymentClearanceV1 filled = cleared.withPayee(PayeeSnapshots.snapshot(profile()));
        assertThat(filled.payee().accountNumber()).isEqualTo("6222020202020202");
        assertThat(filled.withPayee(null)).isEqualTo(cleared);
    }

    private static ApplicantProfileEntity profile() {
        ApplicantProfileEntity row = new ApplicantProfileEntity();
        row.creditCode = "91330100MA2B000001";
        row.name = "杭州示例科技有限公司";
        row.bankName = "中国工商银行杭州分行";
        row.bankAccountName = "杭州示例科技有限公司";
        row.bankAccountNumber = "6222020202020202";
        row.version = 3;
        row.updatedBy = "ent-admin";
        return row;
    }
}
