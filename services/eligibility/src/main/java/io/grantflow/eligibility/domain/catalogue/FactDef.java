package io.grantflow.eligibility.domain.catalogue;

import java.util.List;

/** A fact a programme asks for: its type, whether (or when) it is required, its allowed values (enums). */
public record FactDef(String name, FactType type, boolean required, Condition requiredWhen, Text description,
                      List<String> values) {

    /** The kinds of fact values. */
    public enum FactType { MONEY, BOOLEAN, INTEGER, DECIMAL, ENUM, TEXT, LIST }
}
