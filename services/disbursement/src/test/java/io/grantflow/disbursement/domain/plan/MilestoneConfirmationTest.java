package io.grantflow.disbursement.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MilestoneConfirmationTest {
    private static final MilestoneConfirmation ACCEPTED =
            new MilestoneConfirmation("验收通过 / acceptance passed", "YS-2027-014", "rev-industry");

    @Test
    void aMilestoneStillToBePaidIsConfirmedOnceAndTheSameConfirmationAgainIsAReplay() {
        assertThat(MilestoneConfirmation.check(InstalmentCondition.MILESTONE, null, true, ACCEPTED))
                .isNull();
        MilestoneConfirmation again =
                new MilestoneConfirmation("验收通过 / acceptance passed", "YS-2027-014", "rev-industry-2");
        assertThat(MilestoneConfirmation.check(InstalmentCondition.MILESTONE, ACCEPTED, true, again))
                .isNull();
        MilestoneConfirmation other = new MilestoneConfirmation("另一份证据 / other evidence", null, "rev-industry");
        assertThat(MilestoneConfirmation.check(InstalmentCondition.MILESTONE, ACCEPTED, true, other))
                .isEqualTo(MilestoneConfirmation.Refusal.ALREADY_CONFIRMED);
    }

    @Test
    void onlyAMilestoneThatIsStillToBePaidCanBeConfirmed() {
        assertThat(MilestoneConfirmation.check(InstalmentCondition.FISCAL_YEAR_START, null, true, ACCEPTED))
                .isEqualTo(MilestoneConfirmation.Refusal.NOT_A_MILESTONE);
        assertThat(MilestoneConfirmation.check(InstalmentCondition.MILESTONE, null, false, ACCEPTED))
                .isEqualTo(MilestoneConfirmation.Refusal.CLOSED);
    }
}
