package io.grantflow.disbursement.domain.payee;

/** A verification the payee rules refuse; {@code code} says which rule, the messages say it to a person. */
public class PayeeException extends RuntimeException {
    /** The person who changed the account may not verify it (four-eyes). */
    public static final String SAME_PERSON = "PAYEE_SAME_PERSON";
    /** The account changed after the verifier looked at it. */
    public static final String ACCOUNT_CHANGED = "PAYEE_ACCOUNT_CHANGED";

    private final String code;
    private final String messageZh;

    public PayeeException(String code, String messageZh, String messageEn) {
        super(messageEn);
        this.code = code;
        this.messageZh = messageZh;
    }

    public String code() {
        return code;
    }

    public String messageZh() {
        return messageZh;
    }

    public String messageEn() {
        return getMessage();
    }
}
