package io.grantflow.eligibility.domain.catalogue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instalments of a staged award: the year each falls in (0 = the award's year, ascending),
 * its share and, where the plan names one, the condition of its payment; the shares add up to 1
 * (checked at load).
 */
public record StagePlan(List<Stage> stages) implements Table {
    public StagePlan {
        stages = List.copyOf(stages);
    }

    /**
     * What must happen before an instalment is paid: nothing, the start of its fiscal year, or a
     * milestone its department confirms (分阶段: a stage is paid when the stage is reached).
     */
    public enum Condition {
        NONE,
        FISCAL_YEAR_START,
        MILESTONE
    }

    /** One instalment of the plan; {@code condition} is null where the plan names none (the default by year applies). */
    public record Stage(int year, BigDecimal share, Condition condition) {
        public Stage(int year, BigDecimal share) {
            this(year, share, null);
        }
    }

    @Override
    public List<Map<String, Object>> rows() {
        return stages.stream()
                .map(s -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("year", s.year());
                    row.put("share", s.share().toPlainString());
                    if (s.condition() != null) {
                        row.put("condition", s.condition().name());
                    }
                    return row;
                })
                .toList();
    }
}
