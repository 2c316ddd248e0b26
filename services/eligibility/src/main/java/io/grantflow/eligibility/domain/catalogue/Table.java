package io.grantflow.eligibility.domain.catalogue;

import java.util.List;
import java.util.Map;

/** A parameter whose value is a table (tiers, brackets, a staging plan). */
public sealed interface Table permits TierTable, BracketTable, StagePlan {
    /** The rows as the catalogue file writes them (decimals as strings), for readers of the API. */
    List<Map<String, Object>> rows();
}
