package io.grantflow.eligibility.domain.catalogue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An amount per enum value ({@code key}) or per threshold ({@code min}, the highest met decides).
 * One table is of one sort; thresholds ascend strictly, keys are distinct (checked at load).
 */
public record TierTable(List<Tier> tiers) implements Table {
    public TierTable {
        tiers = List.copyOf(tiers);
    }

    /** A row: a key or a minimum (exactly one of them), and its amount. */
    public record Tier(String key, BigDecimal min, BigDecimal amount) {}

    public boolean byKey() {
        return !tiers.isEmpty() && tiers.get(0).key() != null;
    }

    @Override
    public List<Map<String, Object>> rows() {
        return tiers.stream()
                .map(t -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    if (t.key() != null) {
                        row.put("key", t.key());
                    } else {
                        row.put("min", t.min().toPlainString());
                    }
                    row.put("amount", t.amount().toPlainString());
                    return row;
                })
                .toList();
    }
}
