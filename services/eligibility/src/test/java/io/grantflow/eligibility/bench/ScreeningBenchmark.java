package io.grantflow.eligibility.bench;

import io.grantflow.eligibility.application.CatalogueLoader;
import io.grantflow.eligibility.domain.Applicant;
import io.grantflow.eligibility.domain.BadInputException;
import io.grantflow.eligibility.domain.Evaluation;
import io.grantflow.eligibility.domain.Evaluator;
import io.grantflow.eligibility.domain.HistoryItem;
import io.grantflow.eligibility.domain.TraceStep;
import io.grantflow.eligibility.domain.catalogue.FactDef;
import io.grantflow.eligibility.domain.catalogue.Policy;
import io.grantflow.eligibility.domain.catalogue.ProgrammeDef;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * The batch behind 免申即享 proactive matching: screens N enterprise profiles against every
 * programme of the catalogue, building the full trace of each evaluation (every step with its
 * wording key, clause and numbers; with {@code --render} the Chinese and English sentences of
 * every step as well). Profiles are generated from their index and screened as a stream, so the
 * batch holds only the profiles in flight, whatever N. Run with
 * <pre>./mvnw -q -pl services/eligibility -am install -DskipTests
 * ./mvnw -q -pl services/eligibility test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.grantflow.eligibility.bench.ScreeningBenchmark -Dexec.args="1000000"</pre>
 * and see docs/benchmarks.md for the figures.
 */
public final class ScreeningBenchmark {
    private static final String[] DISTRICTS = {
        "liangxi", "xishan", "huishan", "binhu", "xinwu", "jingkai", "jiangyin", "yixing"
    };
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final long SEED = 20251123L;

    private ScreeningBenchmark() {}

    public static void main(String[] args) {
        int profiles = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 100_000;
        boolean render = List.of(args).contains("--render");
        Policy policy = CatalogueLoader.loadFromClasspath();
        Evaluator evaluator = new Evaluator(policy);
        List<ProgrammeDef> programmes = List.copyOf(policy.allProgrammes());
        Generator generator = new Generator(policy);
        LocalDate asOf = LocalDate.of(2026, 6, 30);

        screen(evaluator, programmes, generator, Math.min(5_000, profiles), asOf, render); // warm-up
        System.gc();
        long before = usedHeap();
        LiveHeapWatch watch = new LiveHeapWatch().start();
        long start = System.nanoTime();
        Result result = screen(evaluator, programmes, generator, profiles, asOf, render);
        long nanos = System.nanoTime() - start;
        long peak = watch.stop();
        long after = usedHeap();
        System.gc();
        long retained = usedHeap();
        double seconds = nanos / 1e9;
        System.out.printf(
                "profiles: %,d, programmes: %d, evaluations: %,d (each with its trace, %,d trace steps%s)%n",
                profiles,
                programmes.size(),
                result.evaluations,
                result.steps,
                render ? ", " + String.format("%,d", result.characters) + " characters of zh and en rendered" : "");
        System.out.printf(
                "eligible matches: %,d, profiles refused as bad input: %,d%n", result.eligible, result.refused);
        System.out.printf(
                "time: %.2f s, %,.0f profiles/s, %,.0f evaluations/s, cores %d, max heap %,d MB%n",
                seconds,
                profiles / seconds,
                result.evaluations / seconds,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf(
                "heap: growth %,d MB at the end (%,d MB after a GC), largest after a collection during the run %,d MB%n",
                (after - before) / (1024 * 1024), (retained - before) / (1024 * 1024), peak / (1024 * 1024));
    }

    private record Profile(Applicant applicant, Map<String, Object> facts, List<HistoryItem> history) {}

    private record Result(long evaluations, long eligible, long steps, long characters, long refused) {}

    private static Result screen(
            Evaluator evaluator,
            List<ProgrammeDef> programmes,
            Generator generator,
            int n,
            LocalDate asOf,
            boolean render) {
        LongAdder evaluations = new LongAdder();
        LongAdder eligible = new LongAdder();
        LongAdder steps = new LongAdder();
        LongAdder characters = new LongAdder();
        LongAdder refused = new LongAdder();
        // each profile is made from its index, screened and dropped: nothing is kept but the counts
        IntStream.range(0, n).parallel().forEach(i -> {
            Profile profile = generator.profile(i);
            long found = 0;
            long stepCount = 0;
            long chars = 0;
            try {
                // as the calculator does: one profile against every programme
                for (Evaluation e :
                        evaluator.screen(programmes, asOf, profile.applicant(), profile.facts(), profile.history())) {
                    stepCount += e.trace().size();
                    if (render) {
                        for (TraceStep step : e.trace()) {
                            chars += step.detailZh().length() + step.detailEn().length();
                        }
                    }
                    if (e.eligible()) {
                        found++;
                    }
                }
                evaluations.add(programmes.size());
            } catch (BadInputException e) {
                refused.increment(); // a profile refused as a whole (none expected: the generator makes valid facts)
            }
            eligible.add(found);
            steps.add(stepCount);
            characters.add(chars);
        });
        return new Result(evaluations.sum(), eligible.sum(), steps.sum(), characters.sum(), refused.sum());
    }

    /** Profiles with a plausible value for three quarters of every fact any programme asks for. */
    private static final class Generator {
        private final List<FactDef> facts;
        private final List<ProgrammeDef> programmes;

        Generator(Policy policy) {
            Map<String, FactDef> byName = new TreeMap<>();
            policy.allProgrammes().forEach(p -> p.facts().forEach(f -> byName.putIfAbsent(f.name(), f)));
            this.facts = List.copyOf(byName.values());
            this.programmes = List.copyOf(policy.allProgrammes());
        }

        /** The profile of index i: the same for the same i, whichever thread makes it. */
        Profile profile(int i) {
            SplittableRandom random = new SplittableRandom(SEED + 0x9E3779B97F4A7C15L * i);
            Map<String, Object> values = new HashMap<>();
            for (FactDef f : facts) {
                if (random.nextInt(4) == 0) {
                    continue; // a profile never knows everything
                }
                values.put(
                        f.name(),
                        switch (f.type()) {
                            case MONEY -> BigDecimal.valueOf(random.nextLong(100_000_000_00L), 2);
                            case DECIMAL -> BigDecimal.valueOf(100 + random.nextInt(60), 2);
                            case INTEGER -> (long) random.nextInt(12);
                            case BOOLEAN -> random.nextBoolean();
                            case ENUM ->
                                f.values() == null || f.values().isEmpty()
                                        ? "x"
                                        : f.values()
                                                .get(random.nextInt(f.values().size()));
                            case TEXT -> f.name().toUpperCase() + "-" + random.nextInt(1000);
                            case LIST -> List.of("A" + random.nextInt(100), "B" + random.nextInt(100));
                        });
            }
            List<HistoryItem> history = List.of();
            if (random.nextInt(3) == 0) {
                ProgrammeDef p = programmes.get(random.nextInt(programmes.size()));
                history = List.of(new HistoryItem(
                        p.code(),
                        HistoryItem.THIS_POLICY,
                        LocalDate.of(2026, 1, 15),
                        BigDecimal.valueOf(random.nextLong(100_000_000L), 2),
                        Map.copyOf(values)));
            }
            return new Profile(
                    new Applicant(code(random), "enterprise", DISTRICTS[random.nextInt(DISTRICTS.length)]),
                    values,
                    history);
        }
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

    /**
     * Watches the heap left after each collection (what the batch really holds, garbage aside) and
     * keeps the largest: a batch that materialises its results grows it with N, a stream does not.
     */
    private static final class LiveHeapWatch {
        private final AtomicLong max = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread = new Thread(
                () -> {
                    while (running) {
                        long live = 0;
                        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                                live += pool.getCollectionUsage().getUsed();
                            }
                        }
                        max.accumulateAndGet(live, Math::max);
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "live-heap-watch");

        LiveHeapWatch start() {
            thread.setDaemon(true);
            thread.start();
            return this;
        }

        long stop() {
            running = false;
            return max.get();
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
