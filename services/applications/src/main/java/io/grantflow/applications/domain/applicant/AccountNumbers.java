package io.grantflow.applications.domain.applicant;

/** A bank account number as listings show it: every digit but the last four hidden. */
public final class AccountNumbers {
    private static final int SHOWN = 4;

    private AccountNumbers() {}

    public static String mask(String number) {
        if (number == null) {
            return null;
        }
        if (number.length() <= SHOWN) {
            return "*".repeat(number.length());
        }
        return "*".repeat(number.length() - SHOWN) + number.substring(number.length() - SHOWN);
    }
}
