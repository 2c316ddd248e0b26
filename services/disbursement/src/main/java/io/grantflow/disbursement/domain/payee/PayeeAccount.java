package io.grantflow.disbursement.domain.payee;

import java.util.Objects;

/** A bank account awards are paid to, as the applicant's profile gives it. */
public record PayeeAccount(String bankName, String accountName, String accountNumber) {
    public PayeeAccount {
        Objects.requireNonNull(bankName, "bankName");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(accountNumber, "accountNumber");
    }

    /** The same account: number, bank and holder, compared as {@link HolderNames} normalises names. */
    public boolean sameAs(PayeeAccount other) {
        return other != null
                && accountNumber.equals(other.accountNumber)
                && HolderNames.normalise(bankName).equals(HolderNames.normalise(other.bankName))
                && HolderNames.normalise(accountName).equals(HolderNames.normalise(other.accountName));
    }

    /** The same bank and number held in another name. */
    public PayeeAccount withName(String holder) {
        return new PayeeAccount(bankName, holder, accountNumber);
    }

    /** The number with every digit but the last four hidden, for what people read. */
    public String maskedNumber() {
        int hidden = Math.max(0, accountNumber.length() - 4);
        if (hidden == 0) {
            return "*".repeat(accountNumber.length());
        }
        return "*".repeat(hidden) + accountNumber.substring(hidden);
    }
}
