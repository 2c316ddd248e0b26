package io.grantflow.eligibility.domain.catalogue;

import java.util.List;

/** How a programme computes its amount. Values starting with {@code $} name parameters. */
public sealed interface Award {
    /** An optional cap on the amount ({@code $param} or null). */
    String cap();

    /** min(rate × base, cap). */
    record Rate(String base, String rate, String cap) implements Award {
    }

    /** At most a fixed amount. */
    record Fixed(String amount, String cap) implements Award {
    }

    /** An amount per enum value, or per numeric threshold (the highest met). */
    record Tiers(String by, String table, String cap) implements Award {
    }

    /** Progressive brackets over a base, with an optional uplift when any listed fact is true. */
    record Brackets(String base, String table, String uplift, List<String> upliftIfAny, String cap) implements Award {
    }

    /** Case by case with no amount named by the text. */
    record None() implements Award {
        @Override
        public String cap() {
            return null;
        }
    }

    /** Parts added up. */
    record Sum(List<Part> parts, String cap) implements Award {
    }

    /**
     * A part of a sum: its own award, and when it applies (first award only, once a year, once
     * ever, a condition of its own) and whether it is multiplied by a count fact ({@code per}).
     */
    record Part(Award award, boolean whenFirst, boolean oncePerYear, boolean onceEver, Condition condition,
                String per) {
    }
}
