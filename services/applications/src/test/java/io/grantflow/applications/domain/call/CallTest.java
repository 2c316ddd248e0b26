package io.grantflow.applications.domain.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallTest {
    private static final Instant OPENS = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-04-30T16:00:00Z");
    private static final List<Criterion> CRITERIA = List.of(
            new Criterion("innovation", Bilingual.of("创新性", "innovation"), new BigDecimal("60")),
            new Criterion("deployment", Bilingual.of("应用成效", "deployment"), new BigDecimal("40")));

    private static Call call(BigDecimal budget) {
        return Call.open(
                UUID.randomUUID(),
                "S9-TECH-PROVIDER",
                "industry",
                Bilingual.of("2026年第一批", "2026, first call"),
                OPENS,
                CLOSES,
                budget,
                CRITERIA);
    }

    @Test
    void applicationsAreAcceptedOnlyInsideTheWindowOfAnOpenCall() {
        Call call = call(null);
        assertThat(call.accepting(OPENS.minusSeconds(1))).isFalse();
        assertThat(call.accepting(OPENS)).isTrue();
        assertThat(call.accepting(CLOSES.minusSeconds(1))).isTrue();
        assertThat(call.accepting(CLOSES)).isFalse();
        call.close();
        assertThat(call.accepting(OPENS.plus(Duration.ofDays(1))))
                .as("closed early")
                .isFalse();
        assertThatThrownBy(call::close).isInstanceOf(CallException.class).hasMessageContaining("CALL_NOT_OPEN");
        call.announced();
        assertThatThrownBy(call::announced).hasMessageContaining("CALL_NOT_CLOSED");
    }

    @Test
    void theWeightsMustAddUpToAHundredAndTheWindowMustNotBeEmpty() {
        List<Criterion> ninety = List.of(new Criterion("a", Bilingual.of("甲", "a"), new BigDecimal("90")));
        assertThatThrownBy(() -> Call.open(
                        UUID.randomUUID(), "P", "industry", Bilingual.of("x", "x"), OPENS, CLOSES, null, ninety))
                .isInstanceOfSatisfying(
                        CallException.class, e -> assertThat(e.code()).isEqualTo("WEIGHTS_NOT_100"));
        assertThatThrownBy(() -> Call.open(
                        UUID.randomUUID(), "P", "industry", Bilingual.of("x", "x"), CLOSES, OPENS, null, CRITERIA))
                .isInstanceOfSatisfying(
                        CallException.class, e -> assertThat(e.code()).isEqualTo("WINDOW_EMPTY"));
        assertThatThrownBy(() -> call(new BigDecimal("0.00")))
                .isInstanceOfSatisfying(
                        CallException.class, e -> assertThat(e.code()).isEqualTo("BUDGET_NOT_POSITIVE"));
        List<Criterion> twice = List.of(
                new Criterion("a", Bilingual.of("甲", "a"), new BigDecimal("50")),
                new Criterion("a", Bilingual.of("乙", "b"), new BigDecimal("50")));
        assertThatThrownBy(() -> Call.open(
                        UUID.randomUUID(), "P", "industry", Bilingual.of("x", "x"), OPENS, CLOSES, null, twice))
                .isInstanceOfSatisfying(
                        CallException.class, e -> assertThat(e.code()).isEqualTo("CRITERION_CODE"));
    }

    @Test
    void aScoreIsTheWeightedSumOfEveryCriterionAndNothingElse() {
        Call call = call(null);
        Call.Score s = call.score(Map.of("innovation", new BigDecimal("90"), "deployment", new BigDecimal("75.5")));
        // 90 × 60 % + 75.5 × 40 % = 54 + 30.2
        assertThat(s.total()).isEqualByComparingTo("84.20");
        assertThatThrownBy(() -> call.score(Map.of("innovation", BigDecimal.TEN)))
                .isInstanceOfSatisfying(
                        CallException.class, e -> assertThat(e.field()).isEqualTo("scores.deployment"));
        assertThatThrownBy(() -> call.score(
                        Map.of("innovation", BigDecimal.TEN, "deployment", BigDecimal.TEN, "charm", BigDecimal.TEN)))
                .isInstanceOfSatisfying(
                        CallException.class, e -> assertThat(e.field()).isEqualTo("scores.charm"));
        assertThatThrownBy(
                        () -> call.score(Map.of("innovation", new BigDecimal("100.01"), "deployment", BigDecimal.ONE)))
                .isInstanceOfSatisfying(
                        CallException.class, e -> assertThat(e.code()).isEqualTo("SCORE_RANGE"));
    }

    @Test
    void theRankedListIsCutStrictlyAtTheBudgetAndUnscoredOnesAreNeverFunded() {
        Instant t = Instant.parse("2026-04-02T00:00:00Z");
        UUID a = new UUID(0, 1);
        UUID b = new UUID(0, 2);
        UUID c = new UUID(0, 3);
        UUID d = new UUID(0, 4);
        UUID e = new UUID(0, 5);
        List<Ranking.Candidate> candidates = List.of(
                new Ranking.Candidate(a, "A", new BigDecimal("400000.00"), new BigDecimal("91.00"), t),
                new Ranking.Candidate(b, "B", new BigDecimal("500000.00"), new BigDecimal("88.00"), t),
                // cheaper but lower: must not jump the one above that does not fit
                new Ranking.Candidate(c, "C", new BigDecimal("50000.00"), new BigDecimal("70.00"), t),
                new Ranking.Candidate(d, "D", new BigDecimal("300000.00"), new BigDecimal("91.00"), t.plusSeconds(1)),
                new Ranking.Candidate(e, "E", new BigDecimal("100.00"), null, t));

        List<Ranking.Entry> list = Ranking.rank(candidates, new BigDecimal("1000000.00"));

        assertThat(list).extracting(x -> x.candidate().applicationId()).containsExactly(a, d, b, c, e);
        assertThat(list).extracting(Ranking.Entry::rank).containsExactly(1, 2, 3, 4, null);
        assertThat(list).extracting(Ranking.Entry::funded).containsExactly(true, true, false, false, false);
        assertThat(list.get(1).cumulative()).isEqualByComparingTo("700000.00");
        assertThat(Ranking.rank(candidates, null))
                .extracting(Ranking.Entry::funded)
                .containsExactly(true, true, true, true, false);
    }
}
