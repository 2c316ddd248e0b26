package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.grantflow.contracts.vocabulary.LimitKind;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One limit an award touches and what the policy allows on it, e.g. the programme cap for this
 * application: an amount ({@code limit}, money kinds) or a number of awards ({@code count}, count
 * kinds; never money). The budget checks every one itself; this only names them. {@code kind} stays
 * a string on the wire so that a kind this version does not know is refused by name, not unreadable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LimitClaim(
        String kind,
        String key,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal limit,
        Integer count) {

    public LimitClaim {
        // Written before counts were integers (V1 of 0.1): a count kind carried its count as "10.00".
        if (count == null
                && limit != null
                && LimitKind.parse(kind)
                        .map(k -> k.unit() == LimitKind.Unit.COUNT)
                        .orElse(false)) {
            BigDecimal whole = limit.stripTrailingZeros();
            if (whole.scale() <= 0
                    && whole.signum() >= 0
                    && whole.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                count = whole.intValueExact();
                limit = null;
            }
        }
    }

    public static LimitClaim money(LimitKind kind, String key, BigDecimal limit) {
        if (kind.unit() != LimitKind.Unit.MONEY) {
            throw new IllegalArgumentException(kind + " counts awards, not money");
        }
        return new LimitClaim(kind.name(), key, limit, null);
    }

    public static LimitClaim count(LimitKind kind, String key, int count) {
        if (kind.unit() != LimitKind.Unit.COUNT) {
            throw new IllegalArgumentException(kind + " limits money, not a count");
        }
        return new LimitClaim(kind.name(), key, null, count);
    }

    /** The kind, if this version knows it. */
    public Optional<LimitKind> parsedKind() {
        return LimitKind.parse(kind);
    }
}
