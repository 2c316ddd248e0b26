package io.grantflow.disbursement.domain.payee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PayeeTest {
    private static final String APPLICANT = "91330100MA2B000001";
    private static final String NAME = "杭州示例科技有限公司（滨江）";
    private static final PayeeAccount FIRST = new PayeeAccount("工商银行杭州分行", NAME, "6222020202020202");
    private static final PayeeAccount SECOND = new PayeeAccount("建设银行杭州分行", NAME, "6217000000001234");

    @Test
    void aFirstAccountInTheRegisteredNameIsVerifiedByTheRule() {
        Payee p = Payee.firstSeen(APPLICANT, new Payee.Snapshot(NAME, FIRST, 1, "ent-a"));
        assertThat(p.status()).isEqualTo(Payee.Status.VERIFIED);
        assertThat(p.verifiedBy()).isEqualTo(Payee.BY_NAME_MATCH);
        assertThat(p.changedBy()).isEqualTo("ent-a");
    }

    @Test
    void fullWidthBracketsSpacesAndCaseAreTheSameName() {
        assertThat(HolderNames.match("杭州示例科技有限公司(滨江)", "杭州示例科技有限公司（滨江）")).isTrue();
        assertThat(HolderNames.match("  ACME   Co.,Ltd ", "acme co.,ltd")).isTrue();
        assertThat(HolderNames.match("ＡＣＭＥ\u3000Co", "ACME Co")).isTrue();
        assertThat(HolderNames.match("杭州示例科技有限公司", "杭州示范科技有限公司")).isFalse();
        assertThat(HolderNames.match("", "")).isFalse();
        assertThat(HolderNames.match(null, null)).isFalse();
    }

    @Test
    void aFirstAccountInAnotherNameWaitsForAPerson() {
        PayeeAccount other = new PayeeAccount("工商银行杭州分行", "张三", "6222020202020202");
        Payee p = Payee.firstSeen(APPLICANT, new Payee.Snapshot(NAME, other, 1, "ent-a"));
        assertThat(p.status()).isEqualTo(Payee.Status.UNVERIFIED);
        assertThat(p.verifiedBy()).isNull();
    }

    @Test
    void aChangedAccountIsUnverifiedEvenInTheRegisteredName() {
        Payee p = Payee.firstSeen(APPLICANT, new Payee.Snapshot(NAME, FIRST, 1, "ent-a"))
                .seen(new Payee.Snapshot(NAME, SECOND, 2, "ent-b"));
        assertThat(p.status()).isEqualTo(Payee.Status.UNVERIFIED);
        assertThat(p.account()).isEqualTo(SECOND);
        assertThat(p.changedBy()).isEqualTo("ent-b");
        assertThat(p.verifiedBy()).isNull();
        assertThat(p.changes()).isEqualTo(1);
    }

    @Test
    void theSameAccountAgainChangesNothingAndAnOlderSnapshotIsIgnored() {
        Payee p = Payee.firstSeen(APPLICANT, new Payee.Snapshot(NAME, FIRST, 2, "ent-a"));
        PayeeAccount sameSpacedDifferently = new PayeeAccount("工商银行杭州分行 ", "杭州示例科技有限公司(滨江)", "6222020202020202");
        Payee again = p.seen(new Payee.Snapshot(NAME, sameSpacedDifferently, 3, "ent-c"));
        assertThat(again.status()).isEqualTo(Payee.Status.VERIFIED);
        assertThat(again.changedBy()).isEqualTo("ent-a");
        assertThat(again.changes()).isZero();
        assertThat(p.seen(new Payee.Snapshot(NAME, SECOND, 1, "ent-b"))).isSameAs(p);
    }

    @Test
    void aRenamedApplicantLosesAnAccountOnlyItsNameHadVerified() {
        Payee p = Payee.firstSeen(APPLICANT, new Payee.Snapshot(NAME, FIRST, 1, "ent-a"))
                .seen(new Payee.Snapshot("杭州新名科技有限公司", FIRST, 2, "ent-a"));
        assertThat(p.status()).isEqualTo(Payee.Status.UNVERIFIED);
        // one a person verified stays verified: they checked the holder, not the name
        Payee checked = Payee.firstSeen(APPLICANT, new Payee.Snapshot(NAME, SECOND.withName("张三"), 1, "ent-a"))
                .verify("officer-1", SECOND.accountNumber())
                .seen(new Payee.Snapshot("杭州新名科技有限公司", SECOND.withName("张三"), 2, "ent-a"));
        assertThat(checked.status()).isEqualTo(Payee.Status.VERIFIED);
    }

    @Test
    void theChangerMayNotVerifyAnotherPersonMay() {
        Payee changed = Payee.firstSeen(APPLICANT, new Payee.Snapshot(NAME, FIRST, 1, "ent-a"))
                .seen(new Payee.Snapshot(NAME, SECOND, 2, "officer-1"));
        assertThatThrownBy(() -> changed.verify("officer-1", SECOND.accountNumber()))
                .isInstanceOfSatisfying(
                        PayeeException.class, e -> assertThat(e.code()).isEqualTo(PayeeException.SAME_PERSON));
        Payee verified = changed.verify("officer-2", SECOND.accountNumber());
        assertThat(verified.status()).isEqualTo(Payee.Status.VERIFIED);
        assertThat(verified.verifiedBy()).isEqualTo("officer-2");
        assertThat(verified.verify("officer-2", SECOND.accountNumber())).isSameAs(verified);
    }

    @Test
    void aVerificationOfAnotherNumberIsStale() {
        Payee changed = Payee.firstSeen(APPLICANT, new Payee.Snapshot(NAME, FIRST, 1, "ent-a"))
                .seen(new Payee.Snapshot(NAME, SECOND, 2, "ent-b"));
        assertThatThrownBy(() -> changed.verify("officer-2", FIRST.accountNumber()))
                .isInstanceOfSatisfying(
                        PayeeException.class, e -> assertThat(e.code()).isEqualTo(PayeeException.ACCOUNT_CHANGED));
    }

    @Test
    void listingsShowTheLastFourDigitsOnly() {
        assertThat(FIRST.maskedNumber()).isEqualTo("************0202");
        assertThat(new PayeeAccount("b", "n", "123").maskedNumber()).isEqualTo("***");
    }
}
