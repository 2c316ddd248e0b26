package io.grantflow.applications.domain.call;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The ranked list of a call (择优排序): the scored applications by total score, highest first
 * (ties by the earlier submission, then by id, so that the order is the same on every run), cut
 * at the call's budget. The cut is strict: the list is funded from the top until the next
 * application's amount no longer fits, and nothing below it is funded either, so that a lower
 * score never takes the place of a higher one because it is cheaper. Unscored applications are
 * listed after the ranked ones and never funded.
 */
public final class Ranking {
    private Ranking() {}

    /** An application of the call: what it would cost (its recommended amount, else its ceiling) and its score, if scored. */
    public record Candidate(
            UUID applicationId, String applicantId, BigDecimal amount, BigDecimal score, Instant submittedAt) {
        public Candidate {
            Objects.requireNonNull(applicationId, "applicationId");
            Objects.requireNonNull(submittedAt, "submittedAt");
        }
    }

    /**
     * One line of the list.
     *
     * @param rank       1 for the highest score; null for an unscored application
     * @param cumulative what the list costs down to this line, while within the budget
     * @param funded     within the budget (always, without a budget) and scored
     */
    public record Entry(Integer rank, Candidate candidate, BigDecimal cumulative, boolean funded) {}

    public static List<Entry> rank(List<Candidate> candidates, BigDecimal budget) {
        List<Candidate> scored = new ArrayList<>();
        List<Candidate> unscored = new ArrayList<>();
        for (Candidate c : candidates) {
            (c.score() == null ? unscored : scored).add(c);
        }
        scored.sort(Comparator.comparing(Candidate::score)
                .reversed()
                .thenComparing(Candidate::submittedAt)
                .thenComparing(Candidate::applicationId));
        unscored.sort(Comparator.comparing(Candidate::submittedAt).thenComparing(Candidate::applicationId));
        List<Entry> list = new ArrayList<>();
        BigDecimal cumulative = BigDecimal.ZERO.setScale(2);
        boolean open = true;
        int rank = 0;
        for (Candidate c : scored) {
            rank++;
            BigDecimal amount = c.amount() == null ? BigDecimal.ZERO : c.amount();
            BigDecimal next = cumulative.add(amount);
            boolean fits = open && c.amount() != null && (budget == null || next.compareTo(budget) <= 0);
            if (fits) {
                cumulative = next;
            } else {
                open = false; // strict: nothing below the first line that does not fit is funded
            }
            list.add(new Entry(rank, c, fits ? cumulative : null, fits));
        }
        for (Candidate c : unscored) {
            list.add(new Entry(null, c, null, false));
        }
        return list;
    }
}
