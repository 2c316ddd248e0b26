package io.grantflow.budget.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.contracts.vocabulary.LimitKind;
import io.grantflow.contracts.vocabulary.SocialCreditCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger's rules on accounts in memory: what a reviewer, finance and an auditor would check. */
class BookTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final String ALPHA = "91320214AY4CL12T29";
    private Book book;

    @BeforeEach
    void budget() {
        book = new Book(LedgerRules.DEFAULTS);
        setTotal(2026, yuan(1_000_000));
    }

    static long yuan(long y) {
        return y * 100;
    }

    private void setTotal(int year, long limit) {
        LedgerResult r = book.apply(
                new LedgerCommand.SetLimit(Accounts.fiscalYearTotal(year), AccountKind.FISCAL_YEAR_TOTAL, year, limit),
                NOW);
        assertThat(r).isInstanceOf(LedgerResult.LimitSet.class);
    }

    private static ReservationRequest request(
            UUID id, String beneficiary, long amount, List<InstalmentPlan> instalments, Claim... claims) {
        return new ReservationRequest(
                id,
                UUID.randomUUID(),
                "S4-EDGE-COMPUTE",
                "industry",
                beneficiary,
                "enterprise",
                2026,
                amount,
                instalments,
                List.of(claims),
                NOW.plus(Duration.ofDays(30)));
    }

    private LedgerResult reserve(ReservationRequest r) {
        return book.apply(new LedgerCommand.Reserve(r), NOW);
    }

    private long pending(String account) {
        return book.account(account).orElseThrow().pending();
    }

    private long posted(String account) {
        return book.account(account).orElseThrow().posted();
    }

    @Test
    void aReservationHoldsItsAmountOnTheTotalAndOnTheBeneficiarysG4Ceilings() {
        LedgerResult r = reserve(request(UUID.randomUUID(), ALPHA, yuan(250_000), null));
        assertThat(r).isInstanceOf(LedgerResult.Reserved.class);
        assertThat(pending("FY2026/TOTAL")).isEqualTo(yuan(250_000));
        assertThat(pending(Accounts.beneficiaryYearAmount(2026, ALPHA))).isEqualTo(yuan(250_000));
        assertThat(pending(Accounts.beneficiaryYearCount(2026, ALPHA))).isEqualTo(1);
        assertThat(book.entries()).extracting(Entry::kind).containsOnly(EntryKind.RESERVE);
    }

    @Test
    void aReservationThatWouldExceedTheTotalIsRefusedNamingTheAccountAndItsHeadroomAndHoldsNothing() {
        reserve(request(UUID.randomUUID(), ALPHA, yuan(900_000), null));
        LedgerResult r = reserve(request(UUID.randomUUID(), "913202117BYC46N175", yuan(100_000) + 1, null));
        assertThat(r).isInstanceOfSatisfying(LedgerResult.Refused.class, f -> {
            assertThat(f.refusal().code()).isEqualTo(Refusal.LIMIT_EXCEEDED);
            assertThat(f.refusal().account()).isEqualTo("FY2026/TOTAL");
            assertThat(f.refusal().headroom()).isEqualTo(yuan(100_000));
            assertThat(f.refusal().requested()).isEqualTo(yuan(100_000) + 1);
        });
        // all or nothing: the other beneficiary's G4 accounts were not even opened
        assertThat(book.account(Accounts.beneficiaryYearAmount(2026, "913202117BYC46N175")))
                .isEmpty();
        assertThat(pending("FY2026/TOTAL")).isEqualTo(yuan(900_000));
    }

    @Test
    void anEleventhAwardToOneBeneficiaryInAYearIsRefusedByTheG4Count() {
        setTotal(2026, yuan(100_000_000));
        for (int i = 0; i < 10; i++) {
            assertThat(reserve(request(UUID.randomUUID(), ALPHA, yuan(1_000), null)))
                    .isInstanceOf(LedgerResult.Reserved.class);
        }
        LedgerResult r = reserve(request(UUID.randomUUID(), ALPHA, yuan(1_000), null));
        assertThat(r).isInstanceOfSatisfying(LedgerResult.Refused.class, f -> {
            assertThat(f.refusal().account()).isEqualTo(Accounts.beneficiaryYearCount(2026, ALPHA));
            assertThat(f.refusal().unit()).isEqualTo(AccountKind.Unit.COUNT);
            assertThat(f.refusal().headroom()).isZero();
        });
    }

    @Test
    void theG4AmountCeilingHoldsEvenWhenAClaimSaysMore() {
        setTotal(2026, yuan(100_000_000));
        Claim generous = new Claim(LimitKind.BENEFICIARY_YEAR_AMOUNT, ALPHA + "/2026", yuan(90_000_000));
        assertThat(reserve(request(UUID.randomUUID(), ALPHA, yuan(20_000_000), null, generous)))
                .isInstanceOf(LedgerResult.Reserved.class);
        assertThat(reserve(request(UUID.randomUUID(), ALPHA, 1, null, generous)))
                .isInstanceOfSatisfying(
                        LedgerResult.Refused.class,
                        f -> assertThat(f.refusal().account()).isEqualTo(Accounts.beneficiaryYearAmount(2026, ALPHA)));
    }

    @Test
    void aSecondAwardOfAnExclusivityGroupIsRefusedWhileTheFirstHoldsAndAllowedOnceItIsVoided() {
        Claim group = new Claim(LimitKind.EXCLUSIVE_GROUP, "S3-LABS/lab-1", 1);
        UUID first = UUID.randomUUID();
        assertThat(reserve(request(first, ALPHA, yuan(1_000), null, group))).isInstanceOf(LedgerResult.Reserved.class);
        assertThat(reserve(request(UUID.randomUUID(), ALPHA, yuan(1_000), null, group)))
                .isInstanceOfSatisfying(
                        LedgerResult.Refused.class,
                        f -> assertThat(f.refusal().account()).isEqualTo("CAP/EXCLUSIVE_GROUP/S3-LABS/lab-1"));
        book.apply(new LedgerCommand.Void(first, "withdrawn"), NOW);
        assertThat(reserve(request(UUID.randomUUID(), ALPHA, yuan(1_000), null, group)))
                .isInstanceOf(LedgerResult.Reserved.class);
    }

    @Test
    void aSubjectsCumulativeCapCountsEveryAwardToIt() {
        Claim cap = new Claim(LimitKind.SUBJECT_CUMULATIVE, "S4-EDGE-COMPUTE/platform-7", yuan(5_000));
        assertThat(reserve(request(UUID.randomUUID(), ALPHA, yuan(3_000), null, cap)))
                .isInstanceOf(LedgerResult.Reserved.class);
        assertThat(reserve(request(UUID.randomUUID(), "913202117BYC46N175", yuan(2_001), null, cap)))
                .isInstanceOfSatisfying(
                        LedgerResult.Refused.class,
                        f -> assertThat(f.refusal().headroom()).isEqualTo(yuan(2_000)));
    }

    @Test
    void anAmountAboveTheAwardsCeilingIsRefused() {
        Claim ceiling = new Claim(LimitKind.PROGRAMME_CEILING, "S4-EDGE-COMPUTE/" + ALPHA, yuan(1_000));
        assertThat(reserve(request(UUID.randomUUID(), ALPHA, yuan(1_000) + 1, null, ceiling)))
                .isInstanceOfSatisfying(
                        LedgerResult.Refused.class,
                        f -> assertThat(f.refusal().code()).isEqualTo(Refusal.CEILING_EXCEEDED));
    }

    @Test
    void withoutABudgetForTheAwardYearTheReservationIsRefusedNoBudget() {
        ReservationRequest r = new ReservationRequest(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "S4-EDGE-COMPUTE",
                "industry",
                ALPHA,
                null,
                2031,
                yuan(10),
                null,
                null,
                NOW.plusSeconds(60));
        assertThat(reserve(r))
                .isInstanceOfSatisfying(
                        LedgerResult.Refused.class,
                        f -> assertThat(f.refusal().code()).isEqualTo(Refusal.NO_BUDGET));
    }

    @Test
    void theSameIdWithTheSameBodyReturnsTheFirstResultAndWithAnotherBodyIsAConflict() {
        ReservationRequest r = request(UUID.randomUUID(), ALPHA, yuan(1_000), null);
        reserve(r);
        int entries = book.entries().size();
        assertThat(reserve(r))
                .isInstanceOfSatisfying(
                        LedgerResult.Reserved.class, x -> assertThat(x.replay()).isTrue());
        assertThat(book.entries()).hasSize(entries);
        ReservationRequest other = new ReservationRequest(
                r.id(),
                r.applicationId(),
                r.programme(),
                r.department(),
                r.beneficiaryId(),
                null,
                2026,
                yuan(1_001),
                null,
                null,
                r.expiresAt());
        assertThat(reserve(other))
                .isInstanceOfSatisfying(
                        LedgerResult.Rejected.class,
                        x -> assertThat(x.code()).isEqualTo(Rejection.IDEMPOTENCY_CONFLICT));
        assertThat(pending("FY2026/TOTAL")).isEqualTo(yuan(1_000));
    }

    @Test
    void postingPartOfAReservationSpendsThatAndReleasesTheRest() {
        UUID id = UUID.randomUUID();
        reserve(request(id, ALPHA, yuan(1_000), null));
        LedgerResult r = book.apply(new LedgerCommand.Post(id, null, yuan(600)), NOW);
        assertThat(r).isInstanceOfSatisfying(LedgerResult.Posted.class, p -> {
            assertThat(p.posted()).isEqualTo(yuan(600));
            assertThat(p.released()).isEqualTo(yuan(400));
        });
        assertThat(pending("FY2026/TOTAL")).isZero();
        assertThat(posted("FY2026/TOTAL")).isEqualTo(yuan(600));
        assertThat(posted(Accounts.beneficiaryYearCount(2026, ALPHA))).isEqualTo(1);
        assertThat(book.reservation(id).orElseThrow().status()).isEqualTo(TransferStatus.POSTED);
    }

    @Test
    void aReservationIsResolvedAtMostOnce() {
        UUID id = UUID.randomUUID();
        reserve(request(id, ALPHA, yuan(1_000), null));
        book.apply(new LedgerCommand.Post(id, null, yuan(1_000)), NOW);
        assertThat(book.apply(new LedgerCommand.Void(id, "late"), NOW))
                .isInstanceOfSatisfying(
                        LedgerResult.Rejected.class, x -> assertThat(x.code()).isEqualTo(Rejection.ALREADY_RESOLVED));
        assertThat(book.apply(new LedgerCommand.Post(id, null, yuan(1_000)), NOW))
                .isInstanceOfSatisfying(
                        LedgerResult.Posted.class, x -> assertThat(x.replay()).isTrue());
        assertThat(posted("FY2026/TOTAL")).isEqualTo(yuan(1_000));
    }

    @Test
    void anUnspentReservationExpiresOnlyAfterItsExpiryAndReturnsItsMoney() {
        UUID id = UUID.randomUUID();
        reserve(request(id, ALPHA, yuan(1_000), null));
        assertThat(book.apply(new LedgerCommand.Expire(id), NOW)).isInstanceOf(LedgerResult.Rejected.class);
        assertThat(book.apply(new LedgerCommand.Expire(id), NOW.plus(Duration.ofDays(31))))
                .isInstanceOf(LedgerResult.Expired.class);
        assertThat(pending("FY2026/TOTAL")).isZero();
        assertThat(pending(Accounts.beneficiaryYearCount(2026, ALPHA))).isZero();
    }

    @Test
    void aClawbackReturnsMoneyToTheTotalButNotTheAwardCount() {
        UUID id = UUID.randomUUID();
        reserve(request(id, ALPHA, yuan(1_000), null));
        book.apply(new LedgerCommand.Post(id, null, yuan(1_000)), NOW);
        UUID reversal = UUID.randomUUID();
        assertThat(book.apply(new LedgerCommand.Reverse(reversal, id, yuan(300), "audit"), NOW))
                .isInstanceOf(LedgerResult.Reversed.class);
        assertThat(posted("FY2026/TOTAL")).isEqualTo(yuan(700));
        assertThat(posted(Accounts.beneficiaryYearCount(2026, ALPHA))).isEqualTo(1);
        assertThat(book.apply(new LedgerCommand.Reverse(UUID.randomUUID(), id, yuan(701), "audit"), NOW))
                .isInstanceOfSatisfying(
                        LedgerResult.Rejected.class, x -> assertThat(x.code()).isEqualTo(Rejection.AMOUNT_TOO_LARGE));
        assertThat(book.apply(new LedgerCommand.Reverse(reversal, id, yuan(300), "audit"), NOW))
                .isInstanceOfSatisfying(
                        LedgerResult.Reversed.class, x -> assertThat(x.replay()).isTrue());
        assertThat(posted("FY2026/TOTAL")).isEqualTo(yuan(700));
    }

    @Test
    void aStagedAwardCommitsALaterYearNotYetBudgetedAndThatYearsTotalMustCoverIt() {
        UUID id = UUID.randomUUID();
        List<InstalmentPlan> plan = List.of(new InstalmentPlan(2026, yuan(400)), new InstalmentPlan(2027, yuan(600)));
        assertThat(reserve(request(id, ALPHA, yuan(1_000), plan))).isInstanceOf(LedgerResult.Reserved.class);
        assertThat(pending("FY2026/TOTAL")).isEqualTo(yuan(400));
        assertThat(book.account("FY2027/TOTAL").orElseThrow().limitSet()).isFalse();
        assertThat(pending("FY2027/TOTAL")).isEqualTo(yuan(600));
        assertThat(book.apply(
                        new LedgerCommand.SetLimit("FY2027/TOTAL", AccountKind.FISCAL_YEAR_TOTAL, 2027, yuan(599)),
                        NOW))
                .isInstanceOfSatisfying(
                        LedgerResult.Rejected.class, x -> assertThat(x.code()).isEqualTo(Rejection.BELOW_COMMITTED));
        setTotal(2027, yuan(600));
        // each instalment is posted against its own year; the award's G4 amount follows
        book.apply(new LedgerCommand.Post(id, 2026, yuan(400)), NOW);
        assertThat(book.reservation(id).orElseThrow().status()).isEqualTo(TransferStatus.PENDING);
        book.apply(new LedgerCommand.Post(id, 2027, yuan(500)), NOW);
        assertThat(posted("FY2027/TOTAL")).isEqualTo(yuan(500));
        assertThat(pending("FY2027/TOTAL")).isZero();
        assertThat(posted(Accounts.beneficiaryYearAmount(2026, ALPHA))).isEqualTo(yuan(900));
        assertThat(pending(Accounts.beneficiaryYearAmount(2026, ALPHA))).isZero();
        assertThat(book.reservation(id).orElseThrow().status()).isEqualTo(TransferStatus.POSTED);
    }

    @Test
    void aStagedAwardIsRefusedWholeWhenALaterYearsBudgetIsTooSmall() {
        setTotal(2027, yuan(500));
        List<InstalmentPlan> plan = List.of(new InstalmentPlan(2026, yuan(400)), new InstalmentPlan(2027, yuan(600)));
        assertThat(reserve(request(UUID.randomUUID(), ALPHA, yuan(1_000), plan)))
                .isInstanceOfSatisfying(LedgerResult.Refused.class, f -> {
                    assertThat(f.refusal().account()).isEqualTo("FY2027/TOTAL");
                    assertThat(f.refusal().headroom()).isEqualTo(yuan(500));
                });
        assertThat(pending("FY2026/TOTAL")).isZero();
    }

    @Test
    void allocationsAndDistrictBlocksAreHeldOnlyWhereFinanceSetThem() {
        book.apply(
                new LedgerCommand.SetLimit(
                        Accounts.programme(2026, "S2-AI-PARK"),
                        AccountKind.PROGRAMME_ALLOCATION,
                        2026,
                        yuan(5_000_000)),
                NOW);
        book.apply(
                new LedgerCommand.SetLimit(
                        Accounts.district(2026, "xinwu"), AccountKind.DISTRICT_BLOCK, 2026, yuan(300_000)),
                NOW);
        Approval fourEyes = Approval.blockGrant("fin-officer", "fin-checker");
        ReservationRequest block = new ReservationRequest(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "S2-AI-PARK",
                "industry",
                "xinwu",
                ReservationRequest.DISTRICT,
                2026,
                yuan(300_001),
                null,
                null,
                NOW.plusSeconds(60),
                fourEyes);
        assertThat(reserve(block))
                .isInstanceOfSatisfying(
                        LedgerResult.Refused.class,
                        f -> assertThat(f.refusal().account()).isEqualTo("FY2026/DISTRICT/xinwu"));
        ReservationRequest fits = new ReservationRequest(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "S2-AI-PARK",
                "industry",
                "xinwu",
                ReservationRequest.DISTRICT,
                2026,
                yuan(300_000),
                null,
                null,
                NOW.plusSeconds(60),
                fourEyes);
        assertThat(reserve(fits))
                .isInstanceOfSatisfying(
                        LedgerResult.Reserved.class,
                        x -> assertThat(x.reservation().legs())
                                .extracting(Leg::accountId)
                                .containsExactly(
                                        "FY2026/TOTAL", "FY2026/PROGRAMME/S2-AI-PARK", "FY2026/DISTRICT/xinwu"));
    }

    @Test
    void balancesEqualTheSumOfEntries() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            reserve(request(id, SocialCreditCode.complete(String.format("91320214%09d", i)), yuan(100 + i), null));
        }
        book.apply(new LedgerCommand.Post(ids.get(0), null, yuan(50)), NOW);
        book.apply(new LedgerCommand.Void(ids.get(1), "x"), NOW);
        book.apply(new LedgerCommand.Post(ids.get(2), null, yuan(102)), NOW);
        book.apply(new LedgerCommand.Reverse(UUID.randomUUID(), ids.get(2), yuan(2), "x"), NOW);
        for (Account a : book.accounts()) {
            long pending = 0;
            long posted = 0;
            for (Entry e : book.entries()) {
                if (!e.accountId().equals(a.id())) {
                    continue;
                }
                switch (e.kind()) {
                    case RESERVE -> pending += e.amount();
                    case POST -> {
                        pending -= e.amount();
                        posted += e.amount();
                    }
                    case RELEASE, VOID, EXPIRE -> pending -= e.amount();
                    case REVERSE -> posted -= e.amount();
                }
            }
            assertThat(a.pending()).as(a.id()).isEqualTo(pending);
            assertThat(a.posted()).as(a.id()).isEqualTo(posted);
        }
    }

    @Test
    void twoClaimsNamingOneCapHoldTheAwardOnceAndAVoidReturnsAllOfIt() {
        Claim cap = new Claim(LimitKind.SUBJECT_CUMULATIVE, "S4-EDGE-COMPUTE/p1", yuan(500_000));
        UUID id = UUID.randomUUID();
        reserve(request(id, ALPHA, yuan(100), null, cap, cap));
        assertThat(pending("CAP/SUBJECT_CUMULATIVE/S4-EDGE-COMPUTE/p1")).isEqualTo(yuan(100));
        book.apply(new LedgerCommand.Void(id, "withdrawn"), NOW);
        assertThat(pending("CAP/SUBJECT_CUMULATIVE/S4-EDGE-COMPUTE/p1")).isZero();
    }

    @Test
    void theSamePaymentPostsOnceEvenWhenItComesAgainAndDoesNotPostTheNextInstalment() {
        setTotal(2027, yuan(1_000));
        UUID id = UUID.randomUUID();
        reserve(request(
                id,
                ALPHA,
                yuan(200),
                List.of(new InstalmentPlan(2026, yuan(100)), new InstalmentPlan(2027, yuan(100)))));
        book.apply(new LedgerCommand.Post(id, null, yuan(100), "pay-1"), NOW);
        assertThat(book.apply(new LedgerCommand.Post(id, null, yuan(100), "pay-1"), NOW))
                .isInstanceOfSatisfying(
                        LedgerResult.Posted.class, p -> assertThat(p.replay()).isTrue());
        assertThat(posted("FY2027/TOTAL")).isZero();
        assertThat(book.apply(new LedgerCommand.Post(id, null, yuan(100), "pay-2"), NOW))
                .isInstanceOfSatisfying(
                        LedgerResult.Posted.class,
                        p -> assertThat(p.fiscalYear()).isEqualTo(2027));
    }

    @Test
    void voidingAPartlyPostedStagedAwardAgainIsAReplayNotAConflict() {
        setTotal(2027, yuan(1_000));
        UUID id = UUID.randomUUID();
        reserve(request(
                id,
                ALPHA,
                yuan(200),
                List.of(new InstalmentPlan(2027, yuan(100)), new InstalmentPlan(2026, yuan(100)))));
        // instalments are taken in year order, whatever order they were listed in
        assertThat(book.apply(new LedgerCommand.Post(id, null, yuan(100), "pay-1"), NOW))
                .isInstanceOfSatisfying(
                        LedgerResult.Posted.class,
                        p -> assertThat(p.fiscalYear()).isEqualTo(2026));
        assertThat(book.apply(new LedgerCommand.Void(id, "revoked"), NOW)).isInstanceOf(LedgerResult.Voided.class);
        assertThat(book.apply(new LedgerCommand.Void(id, "revoked"), NOW))
                .isInstanceOfSatisfying(
                        LedgerResult.Voided.class, v -> assertThat(v.replay()).isTrue());
        assertThat(pending("FY2027/TOTAL")).isZero();
    }

    @Test
    void anAllocationCannotBeIntroducedAfterMoneyWasReservedUnderIt() {
        reserve(request(UUID.randomUUID(), ALPHA, yuan(100), null));
        assertThat(book.apply(
                        new LedgerCommand.SetLimit(
                                Accounts.programme(2026, "S4-EDGE-COMPUTE"),
                                AccountKind.PROGRAMME_ALLOCATION,
                                2026,
                                yuan(50)),
                        NOW))
                .isInstanceOfSatisfying(
                        LedgerResult.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(Rejection.ALLOCATION_TOO_LATE));
        assertThat(book.apply(
                        new LedgerCommand.SetLimit(
                                Accounts.programme(2026, "S9-OTHER"), AccountKind.PROGRAMME_ALLOCATION, 2026, yuan(50)),
                        NOW))
                .isInstanceOf(LedgerResult.LimitSet.class);
    }

    @Test
    void anIdUsedByAnotherKindOfTransferIsAConflict() {
        UUID id = UUID.randomUUID();
        reserve(request(id, ALPHA, yuan(100), null));
        book.apply(new LedgerCommand.Post(id, null, yuan(100)), NOW);
        assertThat(book.apply(new LedgerCommand.Reverse(id, id, yuan(10), "typo"), NOW))
                .isInstanceOfSatisfying(
                        LedgerResult.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(Rejection.IDEMPOTENCY_CONFLICT));
    }

    @Test
    void aReservationWhoseCodesAreNotThoseOfTheVocabularyIsRejectedAndHoldsNothing() {
        ReservationRequest wrongCheck = new ReservationRequest(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "S4-EDGE-COMPUTE",
                "industry",
                "91320214AY4CL12T28",
                "enterprise",
                2026,
                yuan(100),
                null,
                null,
                NOW.plusSeconds(60));
        ReservationRequest override = new ReservationRequest(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "S4-EDGE-COMPUTE",
                "industry",
                "91320214AY4\u202ECL12T2",
                "enterprise",
                2026,
                yuan(100),
                null,
                null,
                NOW.plusSeconds(60));
        ReservationRequest department = new ReservationRequest(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "S4-EDGE-COMPUTE",
                "nope",
                ALPHA,
                "enterprise",
                2026,
                yuan(100),
                null,
                null,
                NOW.plusSeconds(60));
        ReservationRequest unapprovedBlock = new ReservationRequest(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "S2-AI-PARK",
                "industry",
                "xinwu",
                ReservationRequest.DISTRICT,
                2026,
                yuan(100),
                null,
                null,
                NOW.plusSeconds(60));
        for (ReservationRequest r : List.of(wrongCheck, override, department, unapprovedBlock)) {
            assertThat(reserve(r))
                    .as(r.beneficiaryId() + " / " + r.department())
                    .isInstanceOf(LedgerResult.Rejected.class);
        }
        assertThat(pending("FY2026/TOTAL")).isZero();
    }

    @Test
    void aBlockGrantNeedsTwoDifferentFinanceOfficers() {
        Assertions.assertThatThrownBy(() -> Approval.blockGrant("fin-officer", "fin-officer"))
                .isInstanceOf(IllegalArgumentException.class);
        Assertions.assertThatThrownBy(() -> Approval.blockGrant("fin-officer", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
