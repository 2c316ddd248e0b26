package io.grantflow.eligibility.domain;

/** An evaluation refused as bad input (UNKNOWN_PROGRAMME, INVALID_APPLICANT_ID, INVALID_FACT). */
public class BadInputException extends RuntimeException {
    private final String code;
    private final String field;
    private final String messageZh;

    public BadInputException(String code, String field, String messageZh, String messageEn) {
        super(messageEn);
        this.code = code;
        this.field = field;
        this.messageZh = messageZh;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public String messageZh() {
        return messageZh;
    }
}
