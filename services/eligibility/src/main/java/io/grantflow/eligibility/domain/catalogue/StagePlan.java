package io.grantflow.eligibility.domain.catalogue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instalments of a staged award: the year each falls in (0 = the award's year, ascending)
 * and its share; the shares add up to 1 (checked at load).
 */
public record StagePlan(List<Stage> stages) implements Table {
    public StagePlan {
        stages = List.copyOf(stages);
    }

    /** One instalment of the plan. */
    public record Stage(int year, BigDecimal share) {}

    @Override
    public List<Map<String, Object>> rows() {
        return stages.stream()
                .map(s -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("year", s.year());
                    row.put("share", s.share().toPlainString());
                    return row;
                })
                .toList();
    }
}
