package io.grantflow.applications.domain;

/** A command the application's rules refuse; carries a stable code and both languages. */
public class ApplicationRuleException extends RuntimeException {
    public enum Kind {
        CONFLICT,
        FORBIDDEN,
        UNPROCESSABLE
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final String messageZh;

    public ApplicationRuleException(Kind kind, String code, String field, String messageZh, String messageEn) {
        super(messageEn);
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.messageZh = messageZh;
    }

    public Kind kind() {
        return kind;
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
