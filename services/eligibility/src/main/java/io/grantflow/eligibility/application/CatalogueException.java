package io.grantflow.eligibility.application;

/**
 * A catalogue file the service cannot run with: it stops the service at start, naming the file
 * and the field, rather than evaluating with a wrong rule.
 */
public class CatalogueException extends IllegalStateException {
    private final String file;
    private final String field;

    public CatalogueException(String file, String field, String problemZh, String problemEn) {
        super("目录文件 " + file + " 字段 " + field + "：" + problemZh + " / catalogue file " + file + ": " + field + ": "
                + problemEn);
        this.file = file;
        this.field = field;
    }

    public CatalogueException(String file, String field, String problemZh, String problemEn, Throwable cause) {
        this(file, field, problemZh, problemEn);
        initCause(cause);
    }

    /** The file, relative to the catalogue's folder (policy.yaml, programmes/S4-EDGE-COMPUTE.yaml). */
    public String file() {
        return file;
    }

    /** The field's path inside the file (award.table, parameters.tiers.values[0].value[2].min). */
    public String field() {
        return field;
    }
}
