package io.grantflow.e2e;

import io.grantflow.contracts.TopicList;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The five packaged services as separate processes, on their own ports, their own e2e databases
 * (emptied first) and their own prefixed topics, against the real Kafka, PostgreSQL, Keycloak
 * and GreenMail that {@code deploy/local/infra-up.sh} runs. Started once per test JVM.
 */
public final class Suite implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
    public static final String KAFKA = System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");
    public static final String KEYCLOAK = System.getProperty("keycloak.url", "http://127.0.0.1:8180");
    public static final String REALM = KEYCLOAK + "/realms/grantflow";
    public static final String PG_HOST = "127.0.0.1:5432";
    public static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    public static final String TOPIC_PREFIX = "e2e" + RUN + ".";
    public static final String GROUP_PREFIX = "e2e" + RUN + "-";
    /** A beneficiary whose bank account the simulated treasury reports closed. */
    public static final String CLOSED_ACCOUNT = "913202117BYC46N175";

    private static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    static {
        PORTS.put("applications", 18081);
        PORTS.put("eligibility", 18082);
        PORTS.put("budget", 18083);
        PORTS.put("disbursement", 18084);
        PORTS.put("notifications", 18085);
    }

    private static final List<Process> PROCESSES = new ArrayList<>();
    private static final Map<String, Process> BY_SERVICE = new ConcurrentHashMap<>();
    private static volatile boolean started;

    public static String url(String service) {
        return "http://127.0.0.1:" + PORTS.get(service);
    }

    /** The service's management interface: health, metrics, OpenAPI (loopback only, never the API port). */
    public static String managementUrl(String service) {
        return managementUrl(PORTS.get(service));
    }

    static String managementUrl(int port) {
        return "http://127.0.0.1:" + (port + 1000);
    }

    public static List<String> services() {
        return List.copyOf(PORTS.keySet());
    }

    public static String topic(String logical) {
        return TOPIC_PREFIX + logical;
    }

    public static String group(String service, String channel) {
        return GROUP_PREFIX + service + "." + channel;
    }

    public static Connection database(String service) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/" + service + "_e2e", service, service);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (Suite.class) {
            if (started) {
                return;
            }
            start();
            started = true;
            // Closed when the whole test plan ends, after every test class that shares the suite.
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Suite.class.getName(), this);
        }
    }

    /**
     * Freezes a service (SIGSTOP): it consumes and answers nothing until {@link #resume}, as a
     * service far behind on its topics would. Keep it short: its consumers' sessions last 45 s.
     */
    public static void pause(String service) {
        signal(service, "-STOP");
    }

    public static void resume(String service) {
        signal(service, "-CONT");
    }

    private static void signal(String service, String signal) {
        Process process = BY_SERVICE.get(service);
        if (process == null) {
            throw new IllegalStateException("no process of " + service);
        }
        // the service's own JVM and anything it started (the launcher may be a shell)
        List<ProcessHandle> targets = new ArrayList<>();
        targets.add(process.toHandle());
        process.toHandle().descendants().forEach(targets::add);
        for (ProcessHandle p : targets) {
            try {
                Process kill = new ProcessBuilder("kill", signal, Long.toString(p.pid()))
                        .inheritIO()
                        .start();
                if (kill.waitFor() != 0) {
                    throw new IllegalStateException("kill " + signal + " " + p.pid() + " failed");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        stopAll();
    }

    private static void start() throws Exception {
        Path root = Path.of(System.getProperty("grantflow.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path logs = root.resolve("e2e/target/service-logs");
        Files.createDirectories(logs);
        createTopics();
        for (String service : PORTS.keySet()) {
            resetDatabase(service);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Suite::stopAll));
        for (Map.Entry<String, Integer> service : PORTS.entrySet()) {
            Process process = launch(root, logs, service.getKey(), service.getValue());
            PROCESSES.add(process);
            BY_SERVICE.put(service.getKey(), process);
        }
        for (String service : PORTS.keySet()) {
            awaitReady(service, logs.resolve(service + ".log"));
        }
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        // Money is compared exactly: JSON numbers are read as BigDecimal, never float.
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        // every demo enterprise keeps its bank account in its profile, as a paid applicant must
        // (ADR 0027): without one its payments wait (SubmissionToPaymentIT shows it)
        for (Api.Enterprise e : Api.ENTERPRISES) {
            Api.giveBankAccount(e.user());
        }
    }

    private static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            admin.createTopics(TopicList.bundled().entrySet().stream()
                            .map(t -> new NewTopic(TOPIC_PREFIX + t.getKey(), t.getValue(), (short) 1)
                                    .configs(TopicList.configOf(t.getKey())))
                            .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    /** Empties the service's e2e database; Flyway builds it again when the service starts. */
    private static void resetDatabase(String service) throws SQLException {
        try (Connection c = database(service);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    private static Process launch(Path root, Path logs, String service, int port) throws IOException {
        Files.deleteIfExists(logs.resolve(service + ".log"));
        return launch(root, service, port, Map.of(), logs.resolve(service + ".log"));
    }

    /** The project root, where the packaged services are. */
    public static Path root() {
        return Path.of(System.getProperty("grantflow.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /**
     * Starts one more instance of a packaged service, as the suite starts its own, with {@code env}
     * replacing the suite's settings (its database, topic prefix, consumer groups); its output goes
     * to {@code log}. The caller stops it.
     */
    public static Process launch(String service, int port, Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        return launch(root(), service, port, env, log);
    }

    /** Waits until the service on {@code port} answers ready, or fails with the tail of its log. */
    public static void awaitReady(String service, int port, Path log) throws Exception {
        awaitReady(service, managementUrl(port), log);
    }

    private static Process launch(Path root, String service, int port, Map<String, String> overrides, Path log)
            throws IOException {
        Path jar = root.resolve("services/" + service + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn package)");
        }
        List<String> command = List.of(
                javaBin(),
                "-Xmx192m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + (port + 1000),
                "-Dquarkus.log.console.json=false",
                "-jar",
                jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("DB_REACTIVE_URL", "postgresql://" + PG_HOST + "/" + service + "_e2e");
        env.put("DB_JDBC_URL", "jdbc:postgresql://" + PG_HOST + "/" + service + "_e2e");
        env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA);
        env.put("TOPIC_PREFIX", TOPIC_PREFIX);
        env.put("GROUP_PREFIX", GROUP_PREFIX);
        env.put("OIDC_URL", REALM);
        env.put("PUBLIC_URL", "http://127.0.0.1:" + port);
        env.put("GRANTFLOW_TREASURY_GATEWAY", "simulated");
        env.put("GRANTFLOW_TREASURY_SIMULATED_CLOSED_ACCOUNTS", CLOSED_ACCOUNT);
        // the tests end announcements by moving their end into the past: the job need not wait 30 s to see it
        env.put("GRANTFLOW_PROCEDURE_DEADLINE_JOB_EVERY", "1s");
        // a test that opens an instalment's day (RecoveryIT) need not wait a minute for the plan job
        env.put("GRANTFLOW_PLANS_INTERVAL", "2s");
        env.putAll(overrides);
        return builder.start();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitReady(String service, Path log) throws Exception {
        awaitReady(service, managementUrl(service), log);
    }

    private static void awaitReady(String service, String base, Path log) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        String tail = Files.exists(log) ? String.join("\n", tail(Files.readAllLines(log), 40)) : "(no log)";
        throw new IllegalStateException(service + " did not become ready in 180 s; log " + log + ":\n" + tail);
    }

    private static List<String> tail(List<String> lines, int n) {
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    private static synchronized void stopAll() {
        for (Process p : PROCESSES) {
            p.destroy();
        }
        for (Process p : PROCESSES) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        PROCESSES.clear();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            admin.deleteTopics(TopicList.bundled().keySet().stream()
                            .map(t -> TOPIC_PREFIX + t)
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The next run uses a new prefix; leftover topics cost only disk.
        }
    }

    /** A fresh access token for a demo user (password grant of the grantflow-cli client). */
    public static String userToken(String username) {
        return userToken("grantflow-cli", username);
    }

    /** A password-grant token of a public client. */
    public static String userToken(String clientId, String username) {
        Response r = RestAssured.given()
                .formParam("grant_type", "password")
                .formParam("client_id", clientId)
                .formParam("username", username)
                .formParam("password", "demo")
                .post(REALM + "/protocol/openid-connect/token");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("no token for " + username + ": " + r.asString());
        }
        return r.jsonPath().getString("access_token");
    }

    /** A client-credentials token (a partner agency or a service). */
    public static String clientToken(String clientId) {
        Response r = RestAssured.given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", clientId + "-secret")
                .post(REALM + "/protocol/openid-connect/token");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("no token for client " + clientId + ": " + r.asString());
        }
        return r.jsonPath().getString("access_token");
    }
}
