package io.grantflow.contracts.vocabulary;

/**
 * Size limits of every text and collection a request may carry. The JSON Schemas of the
 * messages use the same numbers, so that no accepted request can produce an event larger than
 * the broker takes (ContractsConsistencyTest bounds every schema's largest message).
 */
public final class Bounds {
    /** Ids and codes: credit codes, record ids, references. */
    public static final int ID = 64;
    /** A name or a short label. */
    public static final int NAME = 200;
    /** A reason, comment or justification, in one language. */
    public static final int REASON = 2_000;
    /** How many facts one application may carry. */
    public static final int FACTS = 50;
    /** A fact's name. */
    public static final int FACT_NAME = 64;
    /** A text fact's value, and each item of a list fact. */
    public static final int FACT_TEXT = 500;
    /** Items of a list fact. */
    public static final int FACT_LIST = 50;
    /** Instalments of one award, and limits one award touches. */
    public static final int INSTALMENTS = 10;

    public static final int LIMITS = 20;
    /** An e-mail address (RFC 5321). */
    public static final int EMAIL = 254;
    /** A whole request body, in bytes. */
    public static final int BODY_BYTES = 1_048_576;
    /** The largest amount in yuan a request may name: numeric(15,2). */
    public static final String MAX_AMOUNT = "9999999999999.99";

    private Bounds() {}
}
