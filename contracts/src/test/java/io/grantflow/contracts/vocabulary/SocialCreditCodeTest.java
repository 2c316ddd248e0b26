package io.grantflow.contracts.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The unified social credit code (GB 32100-2015) as applicants type it. */
class SocialCreditCodeTest {
    /** The 31 characters a code may contain: digits and capitals without I, O, Z, S and V. */
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    @ParameterizedTest(name = "{0} is accepted")
    @ValueSource(strings = {"91320214AY4CL12T29", "913202117BYC46N175", "91320213EKB845UM92", "91320282RJT2FQ812G"})
    void realCodesOfWuxiEnterprisesAreAccepted(String code) {
        assertThat(SocialCreditCode.isValid(code)).isTrue();
    }

    @ParameterizedTest(name = "{0}: only its own check character is accepted")
    @ValueSource(strings = {"91320214AY4CL12T29", "913202117BYC46N175", "91320213EKB845UM92", "91320282RJT2FQ812G"})
    void aValidCodeWithAnyOtherCheckCharacterIsRefused(String code) {
        String body = code.substring(0, 17);
        for (char check : ALPHABET.toCharArray()) {
            boolean original = check == code.charAt(17);
            assertThat(SocialCreditCode.isValid(body + check))
                    .as("%s%s", body, check)
                    .isEqualTo(original);
        }
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(
            strings = {
                "91320214AY4CL12T28", // wrong check character (…29 is the real code)
                "91320214ay4cl12t29", // lowercase
                "91320214AY4CL12T2", // 17 characters
                "91320214AY4CL12T290", // 19 characters
                "91320214AY4CL12T2 ", // trailing blank instead of the check character
                "９1320214AY4CL12T29" // a full-width digit
            })
    void malformedCodesAreRefused(String code) {
        assertThat(SocialCreditCode.isValid(code)).isFalse();
    }

    @ParameterizedTest(name = "nothing given: {0}")
    @NullAndEmptySource
    void aMissingCodeIsRefused(String code) {
        assertThat(SocialCreditCode.isValid(code)).isFalse();
    }

    @ParameterizedTest(name = "{0} in the body is refused whatever the check character")
    @ValueSource(chars = {'I', 'O', 'Z', 'S', 'V'})
    void lettersOutsideTheAlphabetAreRefusedInTheBody(char letter) {
        // Put the letter at several places of a real code's body; no check character may make it valid.
        String body = "91320214AY4CL12T2";
        for (int position : new int[] {2, 8, 9, 16}) {
            String changed = body.substring(0, position) + letter + body.substring(position + 1);
            for (char check : ALPHABET.toCharArray()) {
                assertThat(SocialCreditCode.isValid(changed + check))
                        .as("%s%s", changed, check)
                        .isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0} as check character is refused")
    @ValueSource(chars = {'I', 'O', 'Z', 'S', 'V', 'a', '-'})
    void lettersOutsideTheAlphabetAreRefusedAsCheckCharacter(char check) {
        assertThat(SocialCreditCode.isValid("91320214AY4CL12T2" + check)).isFalse();
    }

    @ParameterizedTest(name = "{0} completed is valid and is the real code")
    @ValueSource(strings = {"91320214AY4CL12T29", "913202117BYC46N175", "91320213EKB845UM92", "91320282RJT2FQ812G"})
    void completingTheFirstSeventeenCharactersGivesTheRealCode(String code) {
        assertThat(SocialCreditCode.complete(code.substring(0, 17))).isEqualTo(code);
    }
}
