package io.grantflow.applications.application.commitment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.grantflow.applications.domain.CreditCommitment;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The released versions of the credit commitment, read at start from {@value #RESOURCE}: a
 * broken file (a version twice, dates out of order, a text missing) stops the service before
 * any request. The current version is the latest whose {@code effectiveFrom} has come in Wuxi.
 */
@Startup
@ApplicationScoped
public class CreditCommitments {
    public static final String RESOURCE = "commitment/credit-commitments.yaml";

    private final List<CreditCommitment> versions;
    private final Clock clock;

    public CreditCommitments() {
        this(read(), Clock.system(Vocabulary.POLICY_ZONE));
    }

    CreditCommitments(List<CreditCommitment> versions, Clock clock) {
        this.versions = checked(versions);
        this.clock = clock;
    }

    /** The file's shape. */
    record File(List<CreditCommitment> versions) {}

    public List<CreditCommitment> versions() {
        return versions;
    }

    public Optional<CreditCommitment> find(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /** The version in force today: the latest already effective (the first one before any is). */
    public CreditCommitment current() {
        LocalDate today = LocalDate.now(clock);
        CreditCommitment current = versions.get(0);
        for (CreditCommitment v : versions) {
            if (!v.effectiveFrom().isAfter(today)) {
                current = v;
            }
        }
        return current;
    }

    static List<CreditCommitment> checked(List<CreditCommitment> versions) {
        if (versions == null || versions.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": no version of the credit commitment");
        }
        Set<String> seen = new HashSet<>();
        LocalDate previous = null;
        for (CreditCommitment v : versions) {
            if (!seen.add(v.version())) {
                throw new IllegalStateException(RESOURCE + ": version " + v.version() + " twice");
            }
            if (previous != null && !v.effectiveFrom().isAfter(previous)) {
                throw new IllegalStateException(
                        RESOURCE + ": versions must be in the order they take effect (" + v.version() + ")");
            }
            previous = v.effectiveFrom();
        }
        return List.copyOf(versions);
    }

    static List<CreditCommitment> read() {
        try (InputStream in = CreditCommitments.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE, e);
        }
    }

    static List<CreditCommitment> parse(InputStream yaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        File file = mapper.readValue(yaml, File.class);
        return file == null || file.versions() == null ? List.of() : new ArrayList<>(file.versions());
    }
}
