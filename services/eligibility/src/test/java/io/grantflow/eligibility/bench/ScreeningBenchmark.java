package io.grantflow.eligibility.bench;

import io.grantflow.eligibility.application.CatalogueLoader;
import io.grantflow.eligibility.domain.Applicant;
import io.grantflow.eligibility.domain.BadInputException;
import io.grantflow.eligibility.domain.Evaluation;
import io.grantflow.eligibility.domain.Evaluator;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.catalogue.FactDef;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The batch behind 免申即享 proactive matching: screens N enterprise profiles against every
 * programme of the catalogue, building the full trace of each evaluation. Run with
 * <pre>./mvnw -q -pl services/eligibility test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.grantflow.eligibility.bench.ScreeningBenchmark [-Dexec.args="100000"]</pre>
 * and see docs/benchmarks.md for the figures.
 */
public final class ScreeningBenchmark {
    private static final String[] DISTRICTS = {"liangxi", "xishan", "huishan", "binhu", "xinwu", "jingkai", "jiangyin", "yixing"};
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private ScreeningBenchmark() {
    }

    public static void main(String[] args) {
        int profiles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Policy policy = CatalogueLoader.loadFromClasspath();
        Evaluator evaluator = new Evaluator(policy);
        List<ProgrammeDef> programmes = List.copyOf(policy.allProgrammes());
        List<Profile> batch = generate(policy, profiles, new SplittableRandom(20251123));
        LocalDate asOf = LocalDate.of(2026, 6, 30);

        screen(evaluator, programmes, batch.subList(0, Math.min(5_000, batch.size())), asOf); // warm-up
        System.gc();
        long before = usedHeap();
        long start = System.nanoTime();
        Result result = screen(evaluator, programmes, batch, asOf);
        long nanos = System.nanoTime() - start;
        double seconds = nanos / 1e9;
        System.out.printf("profiles: %,d, programmes: %d, evaluations: %,d (each with its trace, %,d trace steps)%n",
                profiles, programmes.size(), result.evaluations, result.steps);
        System.out.printf("eligible matches: %,d%n", result.eligible);
        System.out.printf("time: %.2f s, %,.0f profiles/s, %,.0f evaluations/s, heap growth %,d MB, cores %d%n",
                seconds, profiles / seconds, result.evaluations / seconds, (usedHeap() - before) / (1024 * 1024),
                Runtime.getRuntime().availableProcessors());
    }

    private record Profile(Applicant applicant, Map<String, Object> facts, List<HistoryItem> history) {
    }

    private record Result(long evaluations, long eligible, long steps) {
    }

    private static Result screen(Evaluator evaluator, List<ProgrammeDef> programmes, List<Profile> batch, LocalDate asOf) {
        LongAdder evaluations = new LongAdder();
        LongAdder eligible = new LongAdder();
        LongAdder steps = new LongAdder();
        batch.parallelStream().forEach(profile -> {
            for (ProgrammeDef programme : programmes) {
                try {
                    Evaluation e = evaluator.evaluate(programme.code(), asOf, profile.applicant(), profile.facts(), profile.history());
                    evaluations.increment();
                    steps.add(e.trace().size());
                    if (e.eligible()) {
                        eligible.increment();
                    }
                } catch (BadInputException e) {
                    evaluations.increment();
                }
            }
        });
        return new Result(evaluations.sum(), eligible.sum(), steps.sum());
    }

    /** Profiles with a plausible value for every fact any programme asks for. */
    private static List<Profile> generate(Policy policy, int n, SplittableRandom random) {
        Map<String, FactDef> facts = new HashMap<>();
        policy.allProgrammes().forEach(p -> p.facts().forEach(f -> facts.putIfAbsent(f.name(), f)));
        List<Profile> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> values = new HashMap<>();
            for (FactDef f : facts.values()) {
                if (random.nextInt(4) == 0) {
                    continue; // a profile never knows everything
                }
                values.put(f.name(), switch (f.type()) {
                    case MONEY -> BigDecimal.valueOf(random.nextLong(100_000_000_00L), 2);
                    case DECIMAL -> BigDecimal.valueOf(100 + random.nextInt(60), 2);
                    case INTEGER -> (long) random.nextInt(12);
                    case BOOLEAN -> random.nextBoolean();
                    case ENUM -> f.values() == null || f.values().isEmpty() ? "x" : f.values().get(random.nextInt(f.values().size()));
                    case TEXT -> f.name().toUpperCase() + "-" + random.nextInt(1000);
                    case LIST -> List.of("A" + random.nextInt(100), "B" + random.nextInt(100));
                });
            }
            List<HistoryItem> history = new ArrayList<>();
            if (random.nextInt(3) == 0) {
                ProgrammeDef p = policy.allProgrammes().stream().skip(random.nextInt(policy.allProgrammes().size())).findFirst().orElseThrow();
                history.add(new HistoryItem(p.code(), HistoryItem.THIS_POLICY, LocalDate.of(2026, 1, 15),
                        BigDecimal.valueOf(random.nextLong(100_000_000L), 2), Map.copyOf(values)));
            }
            result.add(new Profile(new Applicant(code(random), "enterprise", DISTRICTS[random.nextInt(DISTRICTS.length)]),
                    values, history));
        }
        return result;
    }

    /** A random unified social credit code with a correct check character. */
    private static String code(SplittableRandom random) {
        StringBuilder body = new StringBuilder("91320");
        while (body.length() < 17) {
            body.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(body.charAt(i)) * WEIGHTS[i];
        }
        return body.append(ALPHABET.charAt((31 - sum % 31) % 31)).toString();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
