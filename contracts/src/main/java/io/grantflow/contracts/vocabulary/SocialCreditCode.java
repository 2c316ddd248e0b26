package io.grantflow.contracts.vocabulary;

/**
 * The 18-character unified social credit code of GB 32100-2015 and its check character
 * (weights 3^i mod 31 over the 31-character alphabet without I, O, Z, S, V).
 */
public final class SocialCreditCode {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private SocialCreditCode() {}

    /** {@code body}, 17 characters of the code's alphabet, with its check character appended. */
    public static String complete(String body) {
        if (body == null || body.length() != 17) {
            throw new IllegalArgumentException("a code body has 17 characters");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(body.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a character of the code's alphabet: " + body.charAt(i));
            }
            sum += value * WEIGHTS[i];
        }
        return body + ALPHABET.charAt((31 - sum % 31) % 31);
    }

    public static boolean isValid(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(code.charAt(i));
            if (value < 0) {
                return false;
            }
            sum += value * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return code.charAt(17) == ALPHABET.charAt(check);
    }
}
