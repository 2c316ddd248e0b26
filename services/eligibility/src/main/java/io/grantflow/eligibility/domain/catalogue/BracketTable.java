package io.grantflow.eligibility.domain.catalogue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Progressive brackets: each rate applies to the part of the base up to its {@code upto}; the
 * bounds ascend strictly and only the last bracket may be open (checked at load).
 */
public record BracketTable(List<Bracket> brackets) implements Table {
    public BracketTable {
        brackets = List.copyOf(brackets);
    }

    /** A bracket: its upper bound (null for the open last one) and its rate. */
    public record Bracket(BigDecimal upto, BigDecimal rate) {}

    @Override
    public List<Map<String, Object>> rows() {
        return brackets.stream()
                .map(b -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    if (b.upto() != null) {
                        row.put("upto", b.upto().toPlainString());
                    }
                    row.put("rate", b.rate().toPlainString());
                    return row;
                })
                .toList();
    }
}
