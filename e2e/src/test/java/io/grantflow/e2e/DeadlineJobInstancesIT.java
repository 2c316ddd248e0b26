package io.grantflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #10 point 2: the 公示 closes by itself when its period ends, safe with two instances
 * running. A second applications process runs beside the suite's, on the same database and
 * consumer groups, both with their deadline job every second; eight announcements end at the same
 * moment. Each is closed once: one close in its history, one reservation asked of the budget and
 * made, whichever instance closed it.
 */
@ExtendWith(Suite.class)
class DeadlineJobInstancesIT {
    private static final int PORT = 18091;
    private static final int ANNOUNCEMENTS = 8;
    /**
     * Four enterprises, two applications each: every enterprise has ten awards a year (G4), and the
     * suite's other tests have used some of ent-alpha's by the time this one runs.
     */
    private static final List<String> ENTERPRISES = List.of("ent-gamma", "ent-delta", "ent-epsilon", "ent-zeta");

    private static long count(String service, String sql, String id) throws SQLException {
        try (Connection c = Suite.database(service);
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void twoInstancesCloseEachAnnouncementOnceAndAskTheBudgetOnce() throws Exception {
        String reviewer = Suite.userToken("rev-industry");
        String finance = Suite.userToken("fin-officer");
        Api.leaveHeadroom(finance, new BigDecimal("10000000.00"));

        Path log = Suite.root().resolve("e2e/target/e2e-logs/applications-second.log");
        Process second = Suite.launch("applications", PORT, Map.of(), log);
        try {
            Suite.awaitReady("applications", PORT, log);
            List<String> ids = new ArrayList<>();
            Map<String, String> applicant = new HashMap<>();
            for (int i = 0; i < ANNOUNCEMENTS; i++) {
                String token = Suite.userToken(ENTERPRISES.get(i % ENTERPRISES.size()));
                String id = Api.submitEligible(token, 100_000);
                applicant.put(id, token);
                assertThat(Api.command(reviewer, id, "claim", null).statusCode())
                        .isEqualTo(200);
                Response recommended =
                        Api.command(reviewer, id, "recommendation", "{\"amount\": 1000.00, \"reasonsZh\": \"符合政策条件\"}");
                assertThat(recommended.statusCode()).as(recommended.asString()).isEqualTo(200);
                Response announced = Api.command(reviewer, id, "announcement", null);
                assertThat(announced.statusCode()).as(announced.asString()).isEqualTo(200);
                ids.add(id);
            }
            // every period ends at once: both instances' jobs find them all due
            try (Connection c = Suite.database("applications");
                    PreparedStatement s = c.prepareStatement("""
                            UPDATE application SET announcement_closes_at = now() - interval '1 second',
                                   procedure = jsonb_set(procedure::jsonb, '{announcement,closesAt}',
                                       to_jsonb(to_char((now() - interval '1 second') AT TIME ZONE 'UTC',
                                                        'YYYY-MM-DD"T"HH24:MI:SS"Z"')))::text
                             WHERE id = ANY (?::uuid[]) AND status = 'IN_ANNOUNCEMENT'""")) {
                s.setArray(1, c.createArrayOf("text", ids.toArray()));
                assertThat(s.executeUpdate()).isEqualTo(ANNOUNCEMENTS);
            }
            for (String id : ids) {
                Awaitility.await("application " + id + " closed and paid")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> "PAID"
                                .equals(Api.get(applicant.get(id), id)
                                        .jsonPath()
                                        .getString("status")));
            }
            Topics.awaitConsumed();
            for (String id : ids) {
                assertThat(count(
                                "applications",
                                "SELECT count(*) FROM application_history WHERE application_id = ?::uuid"
                                        + " AND command = 'close_announcement'",
                                id))
                        .as("closes of %s", id)
                        .isEqualTo(1);
                assertThat(count("budget", "SELECT count(*) FROM transfer WHERE application_id = ?::uuid", id))
                        .as("reservations of %s", id)
                        .isEqualTo(1);
                assertThat(count(
                                "disbursement",
                                "SELECT count(*) FROM payment WHERE application_id = ?::uuid AND status = 'PAID'",
                                id))
                        .as("payments of %s", id)
                        .isEqualTo(1);
            }
            assertThat(second.isAlive())
                    .as("the second instance ran throughout")
                    .isTrue();
        } finally {
            second.destroy();
            if (!second.waitFor(30, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }
    }
}
