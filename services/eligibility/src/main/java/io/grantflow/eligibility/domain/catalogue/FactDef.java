package io.grantflow.eligibility.domain.catalogue;

import java.util.List;

/** A fact a programme asks for: its type, whether (or when) it is required, its allowed values (enums). */
public record FactDef(
        String name, FactType type, boolean required, Condition requiredWhen, Text description, List<String> values) {

    /** The kinds of fact values. */
    public enum FactType {
        MONEY,
        BOOLEAN,
        INTEGER,
        DECIMAL,
        ENUM,
        TEXT,
        LIST;

        /** A number a condition may order or a rate may multiply. */
        public boolean numeric() {
            return this == MONEY || this == INTEGER || this == DECIMAL;
        }

        /** A number of things: an integer, or a list that is counted. */
        public boolean countable() {
            return this == INTEGER || this == LIST;
        }
    }
}
