package io.grantflow.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one split of a staged award (分年度/分阶段拨付) into its instalments, used by the evaluation (on the
 * ceiling) and by the approval (on the approved amount) alike: each stage but the last takes its share
 * rounded down to the fen, the last takes what is left, so the parts add up to the total exactly and
 * never exceed it. Plain Java, so domain packages may use it.
 */
public final class Staged {
    private Staged() {}

    /**
     * One part per share, in order, zero parts included (the caller decides whether an empty
     * instalment is shown or dropped). Shares are fractions of the whole, each in [0, 1], adding up
     * to exactly 1; a total that is negative or finer than a fen is refused rather than rounded.
     */
    public static List<BigDecimal> split(BigDecimal total, List<BigDecimal> shares) {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(shares, "shares");
        BigDecimal whole = Money.exact(total);
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal share : shares) {
            if (share == null || share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("a share must be between 0 and 1: " + share);
            }
            sum = sum.add(share);
        }
        if (!shares.isEmpty() && sum.compareTo(BigDecimal.ONE) != 0) {
            // a last stage taking "what is left" must not hide a plan that does not add up
            throw new IllegalArgumentException("shares must add up to the whole, not " + sum.toPlainString());
        }
        List<BigDecimal> parts = new ArrayList<>(shares.size());
        BigDecimal left = whole;
        for (int i = 0; i < shares.size(); i++) {
            BigDecimal part = i == shares.size() - 1
                    ? left
                    : whole.multiply(shares.get(i)).setScale(Money.SCALE, RoundingMode.DOWN);
            left = left.subtract(part);
            parts.add(part);
        }
        return List.copyOf(parts);
    }
}
