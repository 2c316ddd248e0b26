package io.grantflow.applications.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.applications.application.profile.ApplicantProfiles;
import io.grantflow.applications.domain.applicant.ApplicantProfile;
import io.grantflow.platform.rest.ProblemException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of the profile endpoints that need no database: codes, preconditions, what a listing shows. */
class ApplicantProfileRulesTest {
    private static String field(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.toProblem("/x").errors().get(0).field();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void theCreditCodeMustCarryItsCheckCharacter() {
        assertThat(ApplicantProfileResource.creditCode("91320214AY4CL12T29")).isEqualTo("91320214AY4CL12T29");
        for (String bad :
                new String[] {"91320214AY4CL12T28", "91320214ay4cl12t29", "9132", "91320214AY4CL12T29X", "x\u0000"}) {
            assertThat(field(() -> ApplicantProfileResource.creditCode(bad)))
                    .as(bad)
                    .isEqualTo("creditCode");
        }
    }

    @Test
    void ifMatchNamesStrongVersionsOrAnything() {
        assertThat(ApplicantProfileResource.precondition(null, null)).isEqualTo(ApplicantProfiles.Precondition.NONE);
        assertThat(ApplicantProfileResource.precondition("\"3\"", null).ifMatch())
                .containsExactly(3L);
        assertThat(ApplicantProfileResource.precondition("\"3\", \"4\"", null).ifMatch())
                .containsExactly(3L, 4L);
        assertThat(ApplicantProfileResource.precondition("*", null).ifMatchAny())
                .isTrue();
        assertThat(ApplicantProfileResource.precondition(null, "*").createOnly())
                .isTrue();
        // a weak tag never matches in If-Match
        assertThat(ApplicantProfileResource.precondition("W/\"3\"", null).ifMatch())
                .containsExactly(-1L);
        for (String bad : new String[] {"3", "\"x\"", "\"" + "9".repeat(19) + "\"", "x".repeat(300)}) {
            assertThat(field(() -> ApplicantProfileResource.precondition(bad, null)))
                    .as(bad)
                    .isEqualTo("If-Match");
        }
        assertThat(field(() -> ApplicantProfileResource.precondition(null, "\"1\"")))
                .isEqualTo("If-None-Match");
    }

    @Test
    void aListingMasksTheAccountAndLeavesTheContactsOut() {
        ApplicantProfile p = new ApplicantProfile(
                "91320214AY4CL12T29",
                "enterprise",
                "xinwu",
                "无锡阿尔法智能科技有限公司",
                List.of(new ApplicantProfile.Contact("王经理", "财务", "0510-85123456", null)),
                new ApplicantProfile.BankAccount("中国银行无锡新吴支行", "无锡阿尔法智能科技有限公司", "6222021234567890123"),
                2,
                "ent-alpha",
                Instant.now(),
                "ent-alpha",
                Instant.now());
        ApplicantProfileResource.ProfileView listed = ApplicantProfileResource.view(p, false, true);
        assertThat(listed.bankAccount().accountNumber()).isEqualTo("***************0123");
        assertThat(listed.bankAccount().masked()).isTrue();
        assertThat(listed.contacts()).isNull();
        assertThat(listed.beneficiaryKindZh()).isEqualTo("企业");
        assertThat(listed.districtEn()).isEqualTo("Xinwu District");
        ApplicantProfileResource.ProfileView whole = ApplicantProfileResource.view(p, true, false);
        assertThat(whole.bankAccount().accountNumber()).isEqualTo("6222021234567890123");
        assertThat(whole.contacts()).hasSize(1);
    }

    @Test
    void aDownloadNamesItsFileForOldAndNewClients() {
        assertThat(AttachmentResource.contentDisposition("营业执照 2025.pdf"))
                .isEqualTo("attachment; filename=\"____ 2025.pdf\"; "
                        + "filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%202025.pdf");
        assertThat(AttachmentResource.contentDisposition("a'b%c.pdf"))
                .isEqualTo("attachment; filename=\"a'b%c.pdf\"; filename*=UTF-8''a%27b%25c.pdf");
        assertThatThrownBy(() -> ApplicantProfileResource.creditCode(null)).isInstanceOf(ProblemException.class);
    }
}
