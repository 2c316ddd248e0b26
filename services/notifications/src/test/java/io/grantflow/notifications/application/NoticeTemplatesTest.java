package io.grantflow.notifications.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.notifications.domain.NoticeEvents;
import io.grantflow.notifications.domain.NoticeTemplates;
import io.grantflow.notifications.domain.Recipient;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What each recipient reads about each event, in Chinese and in English, rendered from the Qute
 * template files as the service renders them; and what it is not told. Every status and command
 * of the contracts is rendered, so that a missing or broken template fails here.
 */
class NoticeTemplatesTest {
    private static final String SCHEMA = "grantflow/contracts/schemas/ApplicationStatusChanged.v1.json";
    private static final String PROGRAMME = "S4-EDGE-COMPUTE";
    private static final String APPLICATION = UUID.randomUUID().toString();
    private static final String SILENT = "-";
    private static final NoticeRenderer RENDERER = QuteTemplates.renderer();

    /** An enum of the event's schema, as the contracts module ships it. */
    private static List<String> schemaEnum(String property) throws Exception {
        try (InputStream in = NoticeTemplates.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            assertThat(in).as(SCHEMA + " on the class path").isNotNull();
            JsonNode node = new ObjectMapper().readTree(in).path("properties").path(property);
            JsonNode values = node.has("enum")
                    ? node.get("enum")
                    : node.path("anyOf").get(0).get("enum");
            List<String> out = new ArrayList<>();
            values.forEach(v -> out.add(v.asText()));
            assertThat(out).as(property + " values").isNotEmpty();
            return out;
        }
    }

    private static NoticeTemplates.Change change(
            String previous, String status, String command, String amount, String reasonZh, String reasonEn) {
        return new NoticeTemplates.Change(
                previous,
                status,
                command,
                PROGRAMME,
                APPLICATION,
                "91320214AY4CL12T29",
                amount == null ? null : new BigDecimal(amount),
                reasonZh,
                reasonEn);
    }

    /** The change of a template key ({@code STATUS} or {@code STATUS/command}), from another state. */
    private static NoticeTemplates.Change ofKey(String key, String amount, String reasonZh, String reasonEn) {
        String[] parts = key.split("/", 2);
        return change("SUBMITTED", parts[0], parts.length == 2 ? parts[1] : null, amount, reasonZh, reasonEn);
    }

    /** The enterprise's notice of a change, if it is told. */
    private static Optional<NoticeTemplates.Text> enterprise(NoticeTemplates.Change change) {
        return NoticeTemplates.forChange(change, List.of()).stream()
                .filter(p -> p.recipient().kind() == Recipient.Kind.ENTERPRISE)
                .findFirst()
                .map(p -> RENDERER.render(p.template(), p.values()));
    }

    private static NoticeTemplates.Text told(NoticeTemplates.Change change) {
        Optional<NoticeTemplates.Text> text = enterprise(change);
        assertThat(text).as("a notice of %s", change).isPresent();
        return text.get();
    }

    private static void assertComplete(String what, NoticeTemplates.Text t) {
        assertThat(hasChinese(t.titleZh()))
                .as("Chinese title of %s: %s", what, t.titleZh())
                .isTrue();
        assertThat(hasChinese(t.bodyZh()))
                .as("Chinese body of %s: %s", what, t.bodyZh())
                .isTrue();
        assertThat(hasChinese(t.titleEn()))
                .as("English title of %s: %s", what, t.titleEn())
                .isFalse();
        assertThat(hasChinese(t.bodyEn()))
                .as("English body of %s: %s", what, t.bodyEn())
                .isFalse();
        assertThat(t.titleEn()).as(what).isNotBlank();
        assertThat(t.bodyEn()).as(what).isNotBlank().matches("(?s).*[A-Za-z]{3,}.*");
        assertThat(t.bodyZh() + t.bodyEn() + t.titleZh() + t.titleEn())
                .as("no placeholder or section is left in %s", what)
                .doesNotContain("{")
                .doesNotContain("}")
                .doesNotContain("null");
    }

    /** The template files under templates/notices, as paths without language and suffix. */
    private static Set<String> templateFiles() throws URISyntaxException, IOException {
        Path root = Paths.get(QuteTemplates.class
                .getClassLoader()
                .getResource("templates/notices")
                .toURI());
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String rel = root.relativize(f).toString().replace('\\', '/');
                assertThat(rel)
                        .as("a template is <kind>/<key>.<zh|en>.txt")
                        .matches("[a-z]+/[A-Za-z_.]+\\.(zh|en)\\.txt");
                out.add(rel.substring(0, rel.length() - ".zh.txt".length()));
            });
        }
        return out;
    }

    private static boolean hasChinese(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    static Stream<String> keys() {
        return NoticeTemplates.ENTERPRISE_KEYS.stream().sorted();
    }

    /** Every template the rules name, by path. */
    static Set<String> named() {
        Set<String> out = new TreeSet<>();
        NoticeTemplates.ENTERPRISE_KEYS.forEach(k -> out.add(NoticeTemplates.templatePath("enterprise", k)));
        out.add(NoticeTemplates.templatePath("enterprise", NoticeTemplates.FALLBACK));
        NoticeTemplates.DEPARTMENT_KEYS.forEach(k -> out.add(NoticeTemplates.templatePath("department", k)));
        NoticeTemplates.CITY_KEYS.forEach(k -> out.add(NoticeTemplates.templatePath("city", k)));
        NoticeTemplates.FINANCE_KEYS.forEach(k -> out.add(NoticeTemplates.templatePath("finance", k)));
        out.add(NoticeTemplates.templatePath("enterprise", NoticeTemplates.RECOVERY_KEY));
        out.add(NoticeTemplates.templatePath("department", NoticeTemplates.RECOVERY_KEY));
        return out;
    }

    @Test
    void theEnterpriseAndTheDepartmentAreToldOfEachRecoveryAndWhatIsStillOwed() {
        Map<String, Object> offset = new HashMap<>(Map.of(
                "applicationId", APPLICATION,
                "reference", "RCV-5A0C2E418D3B",
                "kind", "OFFSET",
                "amount", "800.00",
                "outstanding", "0.00",
                "settled", true));
        List<NoticeTemplates.Planned> planned = NoticeTemplates.forRecovery("91320214AY4CL12T29", "industry", offset);
        assertThat(planned)
                .extracting(p -> p.recipient().kind())
                .containsExactly(Recipient.Kind.ENTERPRISE, Recipient.Kind.DEPARTMENT);
        for (NoticeTemplates.Planned p : planned) {
            NoticeTemplates.Text t = RENDERER.render(p.template(), p.values());
            assertComplete(p.template(), t);
            assertThat(t.bodyZh()).contains("抵扣 800.00 元").contains("已结清");
            assertThat(t.bodyEn()).contains("CNY 800.00").contains("settled");
        }
        Map<String, Object> repaid = new HashMap<>(offset);
        repaid.put("kind", "REPAYMENT");
        repaid.put("amount", "250.00");
        repaid.put("outstanding", "350.00");
        repaid.put("settled", false);
        NoticeTemplates.Planned toEnterprise =
                NoticeTemplates.forRecovery("91320214AY4CL12T29", null, repaid).get(0);
        NoticeTemplates.Text t = RENDERER.render(toEnterprise.template(), toEnterprise.values());
        assertComplete(toEnterprise.template(), t);
        assertThat(t.bodyZh()).contains("退款 250.00 元").contains("尚欠 350.00 元").contains("RCV-5A0C2E418D3B");
        assertThat(t.bodyEn()).contains("CNY 350.00 is still owed");
        assertThat(NoticeTemplates.forRecovery("91320214AY4CL12T29", null, repaid))
                .hasSize(1);
    }

    @Test
    void eachTemplateTheRulesNameIsAFileInBothLanguagesAndNoFileIsUnused() throws Exception {
        for (String path : named()) {
            assertThat(RENDERER.exists(path))
                    .as("templates/notices/%s.zh.txt and .en.txt", path)
                    .isTrue();
        }
        assertThat(templateFiles()).isEqualTo(named());
    }

    /**
     * Every status the contracts define, with every command they define and without one, from
     * a state before it and in the same state, to a department's programme: whatever is planned
     * renders completely, with values and without.
     */
    @Test
    void everyStatusWithEveryCommandOfTheContractsRendersForEveryoneItTells() throws Exception {
        List<String> commands = new ArrayList<>(schemaEnum("command"));
        commands.add(null);
        int rendered = 0;
        for (String status : schemaEnum("status")) {
            for (String command : commands) {
                for (String previous : new String[] {"SUBMITTED", status}) {
                    for (boolean full : new boolean[] {true, false}) {
                        NoticeTemplates.Change change = full
                                ? change(previous, status, command, "1000.00", "原因", "reason")
                                : change(previous, status, command, null, null, null);
                        for (NoticeTemplates.Planned p : NoticeTemplates.forChange(change, List.of("industry"))) {
                            assertThat(p.eventType()).isEqualTo(NoticeEvents.APPLICATION_STATUS_CHANGED);
                            assertComplete(p.template() + " of " + change, RENDERER.render(p.template(), p.values()));
                            rendered++;
                        }
                    }
                }
            }
        }
        assertThat(rendered).isGreaterThan(1000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                NoticeEvents.PAYMENT_COMPLETED,
                NoticeEvents.PAYMENT_FAILED,
                NoticeEvents.RESERVATION_REFUSED,
                NoticeEvents.FUNDS_REVERSED
            })
    void financeIsToldOfEachMoneyEventInBothLanguages(String eventType) {
        Map<String, Object> v = new HashMap<>();
        v.put("applicationId", APPLICATION);
        v.put("paymentId", "P-1");
        v.put("reservationId", "R-1");
        v.put("beneficiaryId", "91320214AY4CL12T29");
        v.put("amount", "1200.50");
        v.put("requested", "300000.00");
        v.put("headroom", "120000.00");
        v.put("account", "S1-SRDI/2026");
        v.put("treasuryReference", "TR-9");
        v.put("code", "ACCOUNT_CLOSED");
        v.put("reasonZh", "收款账户已销户");
        v.put("reasonEn", "the account is closed");
        NoticeTemplates.Planned p = NoticeTemplates.forFinance(eventType, v);

        NoticeTemplates.Text t = RENDERER.render(p.template(), p.values());

        assertThat(p.recipient()).isEqualTo(Recipient.FINANCE);
        assertComplete(eventType, t);
        assertThat(t.bodyZh()).contains(APPLICATION);
        assertThat(t.bodyEn()).contains(APPLICATION);
        // a block grant's payment names no application: still a notice, without the reference
        Map<String, Object> bare = new HashMap<>(v);
        bare.put("applicationId", null);
        bare.put("reasonZh", " ");
        bare.put("reasonEn", null);
        bare.put("code", null);
        NoticeTemplates.Text without = RENDERER.render(
                p.template(), NoticeTemplates.forFinance(eventType, bare).values());
        assertComplete(eventType + " without application", without);
        assertThat(without.bodyZh() + without.bodyEn()).doesNotContain("申请编号").doesNotContain("application ");
        if (eventType.startsWith("payment.")) {
            // a block grant's payment carries the grant's id: named as the grant, not as an application
            Map<String, Object> grant = new HashMap<>(v);
            grant.put("blockGrant", true);
            NoticeTemplates.Text granted = RENDERER.render(
                    p.template(), NoticeTemplates.forFinance(eventType, grant).values());
            assertThat(granted.bodyZh()).contains("切块资金编号 " + APPLICATION).doesNotContain("申请编号");
            assertThat(granted.bodyEn()).contains("block grant " + APPLICATION).doesNotContain("application ");
        }
    }

    @Test
    void theBudgetsFiguresGoToFinanceAndTheDepartmentNotToTheEnterprise() {
        Map<String, Object> v = new HashMap<>();
        v.put("applicationId", APPLICATION);
        v.put("reservationId", "R-1");
        v.put("requested", "300000.00");
        v.put("headroom", "120000.00");
        v.put("account", "S1-SRDI/2026");
        NoticeTemplates.Text finance = RENDERER.render(
                "finance/" + NoticeEvents.RESERVATION_REFUSED,
                NoticeTemplates.forFinance(NoticeEvents.RESERVATION_REFUSED, v).values());
        assertThat(finance.bodyZh())
                .contains("S1-SRDI/2026")
                .contains("120000.00")
                .contains("300000.00");
        assertThat(finance.bodyEn()).contains("S1-SRDI/2026").contains("CNY 120000.00");

        NoticeTemplates.Change refusal = change(
                "APPROVED",
                "UNDER_REVIEW",
                "record_budget_refusal",
                "300000.00",
                "账户 S1-SRDI/2026 余额 120000.00 元",
                "Account S1-SRDI/2026 has 120000.00 left");
        List<NoticeTemplates.Planned> planned = NoticeTemplates.forChange(refusal, List.of("industry"));
        assertThat(planned)
                .extracting(NoticeTemplates.Planned::recipient)
                .containsExactly(Recipient.enterprise("91320214AY4CL12T29"), Recipient.department("industry"));
        NoticeTemplates.Text department =
                RENDERER.render(planned.get(1).template(), planned.get(1).values());
        assertThat(department.bodyZh()).contains("S1-SRDI/2026").contains("重新审核");
        assertThat(department.bodyEn()).contains("S1-SRDI/2026");
    }

    /** Who hears of a change besides the enterprise: each department of the programme where it must act, the city approver where it waits. */
    @ParameterizedTest(name = "{2}: {0} -> {1} tells {3}")
    @CsvSource(
            nullValues = "null",
            value = {
                "SUBMITTED, ELIGIBLE, record_evaluation, ENTERPRISE DEPARTMENT DEPARTMENT",
                "ELIGIBLE, UNDER_REVIEW, claim, ENTERPRISE",
                "UNDER_REVIEW, AWAITING_CONFIRMATION, recommend, DEPARTMENT DEPARTMENT",
                "CORRECTION_REQUESTED, UNDER_REVIEW, resubmit, ENTERPRISE DEPARTMENT DEPARTMENT",
                "UNDER_REVIEW, UNDER_REVIEW, record_reevaluation, ENTERPRISE DEPARTMENT DEPARTMENT",
                "IN_ANNOUNCEMENT, OBJECTION_RAISED, raise_objection, ENTERPRISE DEPARTMENT DEPARTMENT",
                "OBJECTION_RAISED, OBJECTION_RAISED, raise_objection, DEPARTMENT DEPARTMENT",
                "IN_ANNOUNCEMENT, AWAITING_CITY_APPROVAL, close_announcement, ENTERPRISE CITY",
                "AWAITING_CITY_APPROVAL, APPROVED, city_approve, ENTERPRISE DEPARTMENT DEPARTMENT",
                "IN_ANNOUNCEMENT, APPROVED, close_announcement, ENTERPRISE",
                "APPROVED, APPROVED, record_payment_failure, ENTERPRISE DEPARTMENT DEPARTMENT",
                "APPROVED, APPROVED, clear_payment, ''",
                "UNDER_REVIEW, WITHDRAWN, withdraw, ENTERPRISE DEPARTMENT DEPARTMENT",
                "PAID, CLAWED_BACK, claw_back, ENTERPRISE DEPARTMENT DEPARTMENT",
                "APPROVED, PAID, record_payment, ENTERPRISE"
            })
    void eachRecipientHearsWhatConcernsIt(String previous, String status, String command, String kinds) {
        List<NoticeTemplates.Planned> planned = NoticeTemplates.forChange(
                change(previous, status, command, "1000.00", "原因", "reason"),
                List.of("industry", "science", "industry"));

        assertThat(planned.stream().map(p -> p.recipient().kind().name()).toList())
                .isEqualTo(kinds.isBlank() ? List.of() : List.of(kinds.split(" ")));
        assertThat(planned.stream().filter(p -> p.recipient().kind() == Recipient.Kind.DEPARTMENT))
                .extracting(p -> p.recipient().id())
                .allMatch(d -> d.equals("industry") || d.equals("science"));
    }

    @Test
    void everyStatusOfTheEventHasItsOwnTemplateOrIsSilent() throws Exception {
        for (String status : schemaEnum("status")) {
            assertThat(NoticeTemplates.ENTERPRISE_KEYS.contains(status)
                            || NoticeTemplates.SILENT_STATUSES.contains(status))
                    .as("a template for %s, or %s among the silent states", status, status)
                    .isTrue();
        }
    }

    @Test
    void theTableNamesOnlyStatusesAndCommandsOfTheEvent() throws Exception {
        List<String> statuses = schemaEnum("status");
        List<String> commands = schemaEnum("command");
        Set<String> keys = new TreeSet<>(NoticeTemplates.ENTERPRISE_KEYS);
        keys.addAll(NoticeTemplates.DEPARTMENT_KEYS);
        keys.addAll(NoticeTemplates.CITY_KEYS);
        for (String key : keys) {
            String[] parts = key.split("/", 2);
            assertThat(statuses).as("the status of template %s", key).contains(parts[0]);
            if (parts.length == 2) {
                assertThat(commands).as("the command of template %s", key).contains(parts[1]);
            }
        }
        assertThat(statuses).containsAll(NoticeTemplates.SILENT_STATUSES);
        assertThat(commands).containsAll(NoticeTemplates.SILENT_COMMANDS);
        assertThat(commands).containsAll(NoticeTemplates.SILENT_REPEATS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void everyTemplateHasATitleAndABodyInChineseAndInEnglish(String key) {
        NoticeTemplates.Text t = told(ofKey(key, "1000.00", "原因说明", "the reason"));

        assertThat(hasChinese(t.titleZh())).as("Chinese title %s", t.titleZh()).isTrue();
        assertThat(hasChinese(t.bodyZh())).as("Chinese body %s", t.bodyZh()).isTrue();
        assertThat(hasChinese(t.titleEn())).as("English title %s", t.titleEn()).isFalse();
        assertThat(hasChinese(t.bodyEn())).as("English body %s", t.bodyEn()).isFalse();
        assertThat(t.titleEn()).isNotBlank();
        assertThat(t.bodyEn()).isNotBlank().matches(".*[A-Za-z]{3,}.*");
        assertThat(t.bodyZh())
                .as("the Chinese body names the application")
                .contains(APPLICATION)
                .contains(PROGRAMME);
        assertThat(t.bodyEn())
                .as("the English body names the application")
                .contains(APPLICATION)
                .contains(PROGRAMME);
        assertThat(t.bodyZh() + t.bodyEn() + t.titleZh() + t.titleEn())
                .as("no placeholder or optional mark is left")
                .doesNotContain("{")
                .doesNotContain("}")
                .doesNotContain("[")
                .doesNotContain("]");
    }

    @Test
    void eachTemplateHasItsOwnTitle() {
        List<String> zh =
                keys().map(k -> told(ofKey(k, "1.00", "r", "r")).titleZh()).toList();
        List<String> en =
                keys().map(k -> told(ofKey(k, "1.00", "r", "r")).titleEn()).toList();

        assertThat(zh).doesNotHaveDuplicates();
        assertThat(en).doesNotHaveDuplicates();
    }

    /**
     * Every transition of the procedure (the applications service's command table), with the
     * English title the enterprise reads, or "-" where it is told nothing.
     */
    @ParameterizedTest(name = "{2}: {0} -> {1} tells {3}")
    @CsvSource(
            nullValues = "null",
            value = {
                "null, DRAFT, create_draft, -",
                "DRAFT, SUBMITTED, submit, Application submitted",
                "SUBMITTED, ELIGIBLE, record_evaluation, Application eligible",
                "SUBMITTED, INELIGIBLE, record_evaluation, Application not eligible",
                "ELIGIBLE, UNDER_REVIEW, claim, Application taken up for review",
                "UNDER_REVIEW, CORRECTION_REQUESTED, request_correction, Correction requested",
                "CORRECTION_REQUESTED, UNDER_REVIEW, resubmit, Correction received",
                "UNDER_REVIEW, UNDER_REVIEW, record_reevaluation, Corrected facts evaluated again",
                "UNDER_REVIEW, RECOMMENDED, recommend, -",
                "UNDER_REVIEW, AWAITING_CONFIRMATION, recommend, -",
                "AWAITING_CONFIRMATION, RECOMMENDED, confirm, -",
                "AWAITING_CONFIRMATION, UNDER_REVIEW, decline_confirmation, -",
                "RECOMMENDED, IN_ANNOUNCEMENT, announce, Proposed award announced",
                "IN_ANNOUNCEMENT, OBJECTION_RAISED, raise_objection, Objection raised",
                "OBJECTION_RAISED, OBJECTION_RAISED, raise_objection, -",
                "OBJECTION_RAISED, IN_ANNOUNCEMENT, dismiss_objections, 'Objections dismissed, announcement continues'",
                "OBJECTION_RAISED, UNDER_REVIEW, uphold_objection, 'Objection upheld, under review again'",
                "IN_ANNOUNCEMENT, AWAITING_CITY_APPROVAL, close_announcement, Awaiting the city's approval",
                "IN_ANNOUNCEMENT, APPROVED, close_announcement, Application approved",
                "AWAITING_CITY_APPROVAL, APPROVED, city_approve, Application approved",
                "UNDER_REVIEW, REJECTED, reject, Application rejected",
                "OBJECTION_RAISED, REJECTED, reject, Application rejected",
                "AWAITING_CITY_APPROVAL, REJECTED, reject, Application rejected",
                "APPROVED, APPROVED, record_funds_reserved, -",
                "APPROVED, APPROVED, clear_payment, -",
                "APPROVED, APPROVED, record_payment_failure, Payment did not go through",
                "APPROVED, UNDER_REVIEW, record_budget_refusal, 'Funds not reserved, under review again'",
                "APPROVED, PARTLY_PAID, record_payment, Award partly paid",
                "APPROVED, PAID, record_payment, Payment made",
                "PARTLY_PAID, PARTLY_PAID, record_payment, Award partly paid",
                "PARTLY_PAID, PAID, record_payment, Payment made",
                "PAID, CLOSED, close, Application closed",
                "PARTLY_PAID, CLOSED, close, Application closed",
                "DRAFT, WITHDRAWN, withdraw, Application withdrawn",
                "UNDER_REVIEW, WITHDRAWN, withdraw, Application withdrawn",
                "APPROVED, WITHDRAWN, withdraw, Application withdrawn",
                "SCREENING, WITHDRAWN, withdraw_offer, Proactive offer withdrawn",
                "OFFERED, WITHDRAWN, withdraw_offer, Proactive offer withdrawn",
                "PAID, CLAWED_BACK, claw_back, Award clawed back",
                "PARTLY_PAID, CLAWED_BACK, claw_back, Award clawed back",
                "CLOSED, CLAWED_BACK, claw_back, Award clawed back",
                // the first flow: no command
                "null, SUBMITTED, null, Application submitted",
                "SUBMITTED, ELIGIBLE, null, Application eligible",
                "SUBMITTED, INELIGIBLE, null, Application not eligible",
                "ELIGIBLE, APPROVED, null, Application approved",
                "ELIGIBLE, REJECTED, null, Application rejected",
                "APPROVED, FUNDS_RESERVED, null, Funds reserved",
                "APPROVED, BUDGET_REFUSED, null, Budget limit reached",
                "FUNDS_RESERVED, PAID, null, Payment made",
                "FUNDS_RESERVED, PAYMENT_FAILED, null, Payment failed"
            })
    void eachTransitionOfTheProcedureIsToldOrSilentByTheRule(
            String previous, String status, String command, String titleEn) {
        NoticeTemplates.Change change = change(previous, status, command, "1000.00", "原因", "reason");

        Optional<NoticeTemplates.Text> text = enterprise(change);

        if (SILENT.equals(titleEn)) {
            assertThat(NoticeTemplates.isSilent(change)).isTrue();
            assertThat(text).isEmpty();
        } else {
            assertThat(NoticeTemplates.isSilent(change)).isFalse();
            assertThat(text).map(NoticeTemplates.Text::titleEn).contains(titleEn);
        }
    }

    @Test
    void theSilentRuleIsItsThreeSets() {
        assertThat(NoticeTemplates.SILENT_STATUSES)
                .containsExactlyInAnyOrder("DRAFT", "AWAITING_CONFIRMATION", "RECOMMENDED", "SCREENING");
        assertThat(NoticeTemplates.SILENT_COMMANDS)
                .containsExactlyInAnyOrder("record_funds_reserved", "decline_confirmation", "clear_payment");
        assertThat(NoticeTemplates.SILENT_REPEATS).containsExactly("raise_objection");
        // a silent state is silent whatever the command, a silent command whatever the state
        assertThat(NoticeTemplates.isSilent(change("UNDER_REVIEW", "RECOMMENDED", null, null, null, null)))
                .isTrue();
        assertThat(NoticeTemplates.isSilent(
                        change("APPROVED", "APPROVED", "record_funds_reserved", "1.00", null, null)))
                .isTrue();
        // a repeat is silent only for a command of SILENT_REPEATS, and only where it keeps the state
        assertThat(NoticeTemplates.isSilent(
                        change("IN_ANNOUNCEMENT", "OBJECTION_RAISED", "raise_objection", null, null, null)))
                .isFalse();
        assertThat(NoticeTemplates.isSilent(change("PARTLY_PAID", "PARTLY_PAID", "record_payment", "1.00", null, null)))
                .isFalse();
    }

    @ParameterizedTest(name = "{0} with {1} shows {2}")
    @CsvSource({
        "ELIGIBLE, 300000, 300000.00",
        "IN_ANNOUNCEMENT, 180000, 180000.00",
        "AWAITING_CITY_APPROVAL, 5000000, 5000000.00",
        "APPROVED, 250000.5, 250000.50",
        "PARTLY_PAID, 100000, 100000.00",
        "PAID, 1000000.00, 1000000.00",
        "PAID, 12345678.9, 12345678.90",
        "CLAWED_BACK, 0.1, 0.10",
        "FUNDS_RESERVED, 0.1, 0.10"
    })
    void theAmountIsPrintedInYuanWithTwoDecimalsInBothLanguages(String status, String amount, String printed) {
        NoticeTemplates.Text t = told(ofKey(status, amount, null, null));

        assertThat(t.bodyZh()).contains(printed + " 元");
        assertThat(t.bodyEn()).contains("CNY " + printed);
        assertThat(t.bodyZh() + t.bodyEn()).doesNotContain("E+").doesNotContain("null");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "INELIGIBLE",
                "REJECTED",
                "WITHDRAWN",
                "CLOSED",
                "CLAWED_BACK",
                "UNDER_REVIEW/uphold_objection",
                "IN_ANNOUNCEMENT/dismiss_objections",
                "BUDGET_REFUSED",
                "PAYMENT_FAILED"
            })
    void aDecisionGivesItsReasonInEachLanguage(String key) {
        NoticeTemplates.Text t = told(ofKey(key, "1000.00", "收款账户已销户", "The beneficiary account is closed"));

        assertThat(t.bodyZh()).contains("收款账户已销户").doesNotContain("The beneficiary account is closed");
        assertThat(t.bodyEn()).contains("The beneficiary account is closed").doesNotContain("收款账户已销户");
    }

    @Test
    void aCorrectionNoticeListsTheItemsToCorrect() {
        NoticeTemplates.Text t = told(change(
                "UNDER_REVIEW",
                "CORRECTION_REQUESTED",
                "request_correction",
                null,
                "1. 营业执照（缺失）：请上传有效期内的营业执照；2. 研发投入（有误）：与审计报告不一致",
                "1. business licence (missing): upload a valid licence; 2. R&D spending (wrong): differs from"
                        + " the audit report"));

        assertThat(t.titleZh()).isEqualTo("补正通知");
        assertThat(t.bodyZh()).contains("需补正事项：1. 营业执照（缺失）").contains("2. 研发投入（有误）");
        assertThat(t.bodyEn())
                .contains("Items to correct: 1. business licence (missing)")
                .contains("2. R&D");
    }

    @Test
    void aBudgetRefusalTellsTheEnterpriseOfANewReviewNotTheBudgetsFigures() {
        NoticeTemplates.Text t = told(change(
                "APPROVED",
                "UNDER_REVIEW",
                "record_budget_refusal",
                "300000.00",
                "账户 S1-SRDI/2026 余额 120000.00 元，不足 300000.00 元",
                "Account S1-SRDI/2026 has 120000.00 left, less than 300000.00"));

        assertThat(t.bodyZh()).contains("重新审核").doesNotContain("S1-SRDI/2026").doesNotContain("120000.00");
        assertThat(t.bodyEn()).contains("review").doesNotContain("S1-SRDI/2026").doesNotContain("120000.00");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void aNoticeWithoutAmountOrReasonPrintsNoPlaceholders(String key) {
        NoticeTemplates.Text t = told(ofKey(key, null, null, null));

        assertThat(t.bodyZh())
                .doesNotContain("null")
                .doesNotContain(" 元")
                .doesNotContain("原因：")
                .doesNotContain("说明：");
        assertThat(t.bodyEn())
                .doesNotContain("null")
                .doesNotContain("CNY")
                .doesNotContain("Reason:")
                .doesNotContain("Note:");
    }

    @Test
    void aBlankReasonIsNoReason() {
        NoticeTemplates.Text t = told(change("UNDER_REVIEW", "REJECTED", "reject", null, " ", ""));

        assertThat(t.bodyZh()).doesNotContain("原因：");
        assertThat(t.bodyEn()).doesNotContain("Reason:");
    }

    @Test
    void aValueIsPrintedAsItIsNeverReadAsATemplate() {
        NoticeTemplates.Text t =
                told(change("UNDER_REVIEW", "REJECTED", "reject", null, "见 {amount} $1 [附件]", "see $1 {x}"));

        assertThat(t.bodyZh()).contains("原因：见 {amount} $1 [附件]");
        assertThat(t.bodyEn()).contains("Reason: see $1 {x}");
    }

    @Test
    void theMailCarriesBothLanguagesChineseFirst() {
        NoticeTemplates.Text t = told(change("PARTLY_PAID", "PAID", "record_payment", "250000.00", null, null));

        assertThat(t.subject()).contains(t.titleZh()).contains(t.titleEn());
        assertThat(t.subject().indexOf(t.titleZh())).isLessThan(t.subject().indexOf(t.titleEn()));
        assertThat(t.mailBody()).contains(t.bodyZh()).contains(t.bodyEn());
        assertThat(t.mailBody().indexOf(t.bodyZh())).isLessThan(t.mailBody().indexOf(t.bodyEn()));
    }

    @Test
    void aStatusThisVersionDoesNotKnowStillGivesANoticeNamingIt() {
        NoticeTemplates.Text t = told(change("PAID", "SUSPENDED", "suspend", "10.00", null, null));

        assertThat(Arrays.asList(t.titleZh(), t.titleEn(), t.bodyZh(), t.bodyEn()))
                .allSatisfy(s -> assertThat(s).isNotBlank());
        assertThat(t.bodyZh()).contains("SUSPENDED");
        assertThat(t.bodyEn()).contains("SUSPENDED");
        assertThat(keys().map(k -> told(ofKey(k, "1.00", null, null)).titleEn()))
                .doesNotContain(t.titleEn());
    }

    @Test
    void aCommandWithoutATemplateOfItsOwnGetsItsStatussTemplate() {
        NoticeTemplates.Text t = told(change("RECOMMENDED", "IN_ANNOUNCEMENT", "announce", "5.00", null, null));

        assertThat(t.titleEn())
                .isEqualTo(told(ofKey("IN_ANNOUNCEMENT", "5.00", null, null)).titleEn());
    }
}
