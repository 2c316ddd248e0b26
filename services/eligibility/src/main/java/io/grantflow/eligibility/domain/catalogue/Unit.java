package io.grantflow.eligibility.domain.catalogue;

import java.util.Optional;

/** What a parameter's number counts, as the catalogue file names it. */
public enum Unit {
    RATIO("ratio"),
    CNY("CNY"),
    COUNT("count"),
    POINTS("points"),
    DISTRICTS("districts");

    private final String code;

    Unit(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Unit> parse(String code) {
        for (Unit u : values()) {
            if (u.code.equals(code)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
