package io.grantflow.budget.domain;

import io.grantflow.contracts.vocabulary.LimitKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The ledger's rules over the accounts and transfers one batch touches. Commands are applied one
 * after another; each either changes balances through append-only entries or changes nothing.
 * Nothing here knows about databases: the writer loads what {@link #accountsFor} names, applies
 * the batch, and writes back what changed.
 */
public final class Book {
    private final LedgerRules rules;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<UUID, Reservation> reservations = new LinkedHashMap<>();
    private final Map<UUID, Reversal> reversals = new LinkedHashMap<>();
    private final Set<String> touched = new LinkedHashSet<>();
    private final Set<UUID> created = new LinkedHashSet<>();
    /** Each request's legs, planned once: the writer asks for its accounts, then applies it. */
    private final Map<ReservationRequest, List<PlannedLeg>> plans = new IdentityHashMap<>();
    /** Ids that exist as a transfer of another kind (a reversal's id reused for a reservation, say). */
    private final Set<UUID> taken = new LinkedHashSet<>();
    /** Budget accounts not yet set whose programme, department or district already has commitments. */
    private final Set<String> committedBeforeLimit = new LinkedHashSet<>();

    private final List<Entry> entries = new ArrayList<>();

    public Book(LedgerRules rules) {
        this.rules = rules;
    }

    // ---- what the writer loads and writes ----------------------------------------------------

    public void load(Account account) {
        accounts.put(account.id(), account);
    }

    public void load(Reservation reservation) {
        reservations.put(reservation.request().id(), reservation);
    }

    public void load(Reversal reversal) {
        reversals.put(reversal.id(), reversal);
    }

    /** An id the store holds as a transfer of another kind than the command expects. */
    public void taken(UUID id) {
        taken.add(id);
    }

    /**
     * The store found commitments for the programme, department or district of this allocation
     * account, which does not exist yet: setting it now would start it below what is committed.
     */
    public void committedBefore(String accountId) {
        committedBeforeLimit.add(accountId);
    }

    public Optional<Reservation> reservation(UUID id) {
        return Optional.ofNullable(reservations.get(id));
    }

    public Optional<Account> account(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    /** Accounts whose balances or limits changed, new ones included. */
    public List<Account> touchedAccounts() {
        return touched.stream().map(accounts::get).toList();
    }

    /** Reservations this batch created (refused ones too: a replay returns their refusal). */
    public List<Reservation> newReservations() {
        return created.stream().map(reservations::get).toList();
    }

    /** Reservations that existed before this batch and changed in it. */
    public List<Reservation> updatedReservations() {
        return reservations.values().stream()
                .filter(r -> r.changed() && !created.contains(r.request().id()))
                .toList();
    }

    public List<Reversal> newReversals() {
        return reversals.values().stream().filter(Reversal::created).toList();
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public Collection<Account> accounts() {
        return accounts.values();
    }

    /**
     * The accounts a reservation request may touch: every budget account of each instalment's
     * fiscal year (the allocations and blocks only if finance set them), the G4 ceilings and each
     * cap it claims. The writer locks those that exist.
     */
    public List<String> accountsFor(ReservationRequest r) {
        return planOf(r).stream().map(PlannedLeg::accountId).distinct().toList();
    }

    private List<PlannedLeg> planOf(ReservationRequest r) {
        return plans.computeIfAbsent(r, this::plan);
    }

    /** The accounts an existing reservation holds. */
    public static List<String> accountsOf(Reservation r) {
        return r.legs().stream().map(Leg::accountId).distinct().toList();
    }

    // ---- commands ----------------------------------------------------------------------------

    public LedgerResult apply(LedgerCommand command, Instant now) {
        if (command instanceof LedgerCommand.Reserve r) {
            return reserve(r.request(), now);
        } else if (command instanceof LedgerCommand.Post p) {
            return post(p, now);
        } else if (command instanceof LedgerCommand.Void v) {
            return release(v.reservationId(), TransferStatus.VOIDED, v.reason(), now);
        } else if (command instanceof LedgerCommand.Expire e) {
            return release(e.reservationId(), TransferStatus.EXPIRED, null, now);
        } else if (command instanceof LedgerCommand.Reverse r) {
            return reverse(r, now);
        } else if (command instanceof LedgerCommand.SetLimit s) {
            return setLimit(s);
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    /** A leg as planned: the account, how to open it if missing, and a claim's own cap on it. */
    private record PlannedLeg(
            String accountId, AccountKind kind, Integer fiscalYear, long amount, Long cap, Open open, Long openLimit) {}

    /** What to do when a planned account does not exist yet. */
    private enum Open {
        REQUIRED,
        SKIP,
        OPEN_UNSET,
        OPEN_WITH_LIMIT
    }

    private List<PlannedLeg> plan(ReservationRequest r) {
        List<PlannedLeg> legs = new ArrayList<>();
        for (InstalmentPlan i : r.instalments()) {
            int y = i.fiscalYear();
            legs.add(new PlannedLeg(
                    Accounts.fiscalYearTotal(y),
                    AccountKind.FISCAL_YEAR_TOTAL,
                    y,
                    i.amount(),
                    null,
                    y == r.awardYear() ? Open.REQUIRED : Open.OPEN_UNSET,
                    null));
            legs.add(new PlannedLeg(
                    Accounts.programme(y, r.programme()),
                    AccountKind.PROGRAMME_ALLOCATION,
                    y,
                    i.amount(),
                    null,
                    Open.SKIP,
                    null));
            legs.add(new PlannedLeg(
                    Accounts.department(y, r.department()),
                    AccountKind.DEPARTMENT_ALLOCATION,
                    y,
                    i.amount(),
                    null,
                    Open.SKIP,
                    null));
            if (r.blockGrant()) {
                legs.add(new PlannedLeg(
                        Accounts.district(y, r.beneficiaryId()),
                        AccountKind.DISTRICT_BLOCK,
                        y,
                        i.amount(),
                        null,
                        Open.SKIP,
                        null));
            }
        }
        Long amountCap = null;
        Long countCap = null;
        for (Claim c : r.claims()) {
            if (c.kind() == LimitKind.BENEFICIARY_YEAR_AMOUNT) {
                amountCap = amountCap == null ? c.limit() : Math.min(amountCap, c.limit());
            } else if (c.kind() == LimitKind.BENEFICIARY_YEAR_COUNT) {
                countCap = countCap == null ? c.limit() : Math.min(countCap, c.limit());
            }
        }
        if (!r.blockGrant()) {
            // G4: the budget's own ceilings, whatever the claims say; a stricter claim narrows them.
            legs.add(new PlannedLeg(
                    Accounts.beneficiaryYearAmount(r.awardYear(), r.beneficiaryId()),
                    AccountKind.BENEFICIARY_YEAR_AMOUNT,
                    null,
                    r.amount(),
                    amountCap,
                    Open.OPEN_WITH_LIMIT,
                    rules.beneficiaryYearAmount()));
            legs.add(new PlannedLeg(
                    Accounts.beneficiaryYearCount(r.awardYear(), r.beneficiaryId()),
                    AccountKind.BENEFICIARY_YEAR_COUNT,
                    null,
                    1,
                    countCap,
                    Open.OPEN_WITH_LIMIT,
                    rules.beneficiaryYearCount()));
        }
        for (Claim c : r.claims()) {
            AccountKind kind = c.accountKind();
            if (kind == null
                    || kind == AccountKind.BENEFICIARY_YEAR_AMOUNT
                    || kind == AccountKind.BENEFICIARY_YEAR_COUNT) {
                continue;
            }
            long amount = kind.unit() == AccountKind.Unit.COUNT ? 1 : r.amount();
            long limit = kind == AccountKind.EXCLUSIVE_GROUP ? Math.min(1, c.limit()) : c.limit();
            legs.add(new PlannedLeg(
                    Accounts.cap(kind, c.key()), kind, null, amount, limit, Open.OPEN_WITH_LIMIT, limit));
        }
        return merge(legs);
    }

    /**
     * One leg per account: two claims naming one account are one limit on one award (the award
     * is held once), and the stricter cap holds.
     */
    private static List<PlannedLeg> merge(List<PlannedLeg> legs) {
        Map<String, PlannedLeg> byAccount = new LinkedHashMap<>();
        for (PlannedLeg l : legs) {
            byAccount.merge(
                    l.accountId(),
                    l,
                    (a, b) -> new PlannedLeg(
                            a.accountId(),
                            a.kind(),
                            a.fiscalYear(),
                            a.amount(),
                            a.cap() == null ? b.cap() : b.cap() == null ? a.cap() : Math.min(a.cap(), b.cap()),
                            a.open(),
                            a.openLimit() == null
                                    ? b.openLimit()
                                    : b.openLimit() == null ? a.openLimit() : Math.min(a.openLimit(), b.openLimit())));
        }
        return List.copyOf(byAccount.values());
    }

    private LedgerResult reserve(ReservationRequest r, Instant now) {
        String fingerprint = r.fingerprint();
        if (taken.contains(r.id()) || reversals.containsKey(r.id())) {
            return conflict(r.id());
        }
        Reservation existing = reservations.get(r.id());
        if (existing != null) {
            if (!existing.fingerprint().equals(fingerprint)) {
                return conflict(r.id());
            }
            return existing.refusal()
                    .<LedgerResult>map(f -> new LedgerResult.Refused(existing, f, List.of(f), true))
                    .orElseGet(() -> new LedgerResult.Reserved(existing, true));
        }
        List<ReservationRequest.Problem> problems = r.problems();
        if (!problems.isEmpty()) {
            ReservationRequest.Problem first = problems.get(0);
            return new LedgerResult.Rejected(
                    Rejection.INVALID,
                    first.field() + "：" + first.message().zh(),
                    first.field() + ": " + first.message().en());
        }
        List<Refusal> violations = new ArrayList<>();
        for (Claim c : r.claims()) {
            if (c.kind() == LimitKind.PROGRAMME_CEILING && r.amount() > c.limit()) {
                violations.add(new Refusal(
                        Refusal.CEILING_EXCEEDED,
                        c.kind() + "/" + c.key(),
                        AccountKind.Unit.FEN,
                        c.limit(),
                        r.amount()));
            }
        }
        List<PlannedLeg> planned = planOf(r);
        List<PlannedLeg> kept = new ArrayList<>();
        Map<String, Account> opened = new LinkedHashMap<>();
        for (PlannedLeg l : planned) {
            Account a = accounts.get(l.accountId());
            if (a == null) {
                switch (l.open()) {
                    case SKIP -> {
                        continue;
                    }
                    case REQUIRED -> {
                        violations.add(new Refusal(
                                Refusal.NO_BUDGET, l.accountId(), l.kind().unit(), 0, l.amount()));
                        continue;
                    }
                    case OPEN_UNSET -> a = Account.open(l.accountId(), l.kind(), l.fiscalYear(), null);
                    case OPEN_WITH_LIMIT ->
                        a = Account.open(
                                l.accountId(),
                                l.kind(),
                                l.kind().perFiscalYear() ? l.fiscalYear() : yearOfAccount(l, r),
                                l.openLimit());
                }
                opened.put(a.id(), a);
            }
            if (l.kind() == AccountKind.FISCAL_YEAR_TOTAL && !a.limitSet() && l.open() == Open.REQUIRED) {
                violations.add(
                        new Refusal(Refusal.NO_BUDGET, l.accountId(), l.kind().unit(), 0, l.amount()));
                continue;
            }
            long headroom = a.headroom(l.cap());
            if (l.amount() > headroom) {
                violations.add(new Refusal(
                        Refusal.LIMIT_EXCEEDED, a.id(), a.kind().unit(), Math.max(0, headroom), l.amount()));
            }
            kept.add(l);
        }
        List<InstalmentState> instalments = new ArrayList<>();
        if (!violations.isEmpty()) {
            for (InstalmentPlan p : r.instalments()) {
                instalments.add(new InstalmentState(p.fiscalYear(), p.amount(), TransferStatus.REFUSED, 0, 0)
                        .withCondition(p.condition()));
            }
            Reservation refused = new Reservation(
                    r, fingerprint, List.of(), instalments, violations.get(0), TransferStatus.REFUSED, now, now);
            refused.touch();
            reservations.put(r.id(), refused);
            created.add(r.id());
            return new LedgerResult.Refused(refused, violations.get(0), List.copyOf(violations), false);
        }
        accounts.putAll(opened);
        List<Leg> legs = new ArrayList<>();
        for (PlannedLeg l : kept) {
            Account a = accounts.get(l.accountId());
            a.reserve(l.amount());
            touched.add(a.id());
            legs.add(new Leg(a.id(), a.kind(), l.kind().perFiscalYear() ? l.fiscalYear() : null, l.amount()));
            entries.add(new Entry(r.id(), a.id(), EntryKind.RESERVE, l.amount()));
        }
        for (InstalmentPlan p : r.instalments()) {
            instalments.add(new InstalmentState(p.fiscalYear(), p.amount(), TransferStatus.PENDING, 0, 0)
                    .withCondition(p.condition()));
        }
        Reservation reservation =
                new Reservation(r, fingerprint, legs, instalments, null, TransferStatus.PENDING, now, null);
        reservation.touch();
        reservations.put(r.id(), reservation);
        created.add(r.id());
        return new LedgerResult.Reserved(reservation, false);
    }

    private static Integer yearOfAccount(PlannedLeg l, ReservationRequest r) {
        return switch (l.kind()) {
            case BENEFICIARY_YEAR_AMOUNT, BENEFICIARY_YEAR_COUNT -> r.awardYear();
            default -> null;
        };
    }

    private LedgerResult post(LedgerCommand.Post p, Instant now) {
        Reservation r = reservations.get(p.reservationId());
        if (r == null) {
            return unknown(p.reservationId());
        }
        // the payment id is the posting's idempotency key: the same payment posts once, whatever its envelope
        Optional<InstalmentState> paidBefore = p.paymentId() == null
                ? Optional.empty()
                : r.instalments().stream()
                        .filter(i -> p.paymentId().equals(i.paymentId()))
                        .findFirst();
        if (paidBefore.isPresent()) {
            InstalmentState i = paidBefore.get();
            if (i.posted() != p.amount()) {
                return new LedgerResult.Rejected(
                        Rejection.IDEMPOTENCY_CONFLICT,
                        "支付 " + p.paymentId() + " 已以另一金额核销",
                        "payment " + p.paymentId() + " was posted with another amount");
            }
            return new LedgerResult.Posted(r, i.fiscalYear(), i.posted(), i.amount() - i.posted(), true);
        }
        Optional<InstalmentState> target = p.fiscalYear() == null ? r.nextPending() : r.instalment(p.fiscalYear());
        if (target.isEmpty()
                && p.fiscalYear() == null
                && p.paymentId() == null
                && r.instalments().size() == 1) {
            // a one-off award posted before, asked again without a payment id: the first answer
            target = Optional.of(r.instalments().get(0));
        }
        if (target.isEmpty()) {
            if (p.fiscalYear() == null) {
                return alreadyResolved(r, r.status());
            }
            return new LedgerResult.Rejected(
                    Rejection.UNKNOWN_RESERVATION,
                    "预留中没有" + p.fiscalYear() + "年度的分期",
                    "the reservation has no instalment for fiscal year " + p.fiscalYear());
        }
        InstalmentState inst = target.get();
        if (p.paymentId() == null && inst.status() == TransferStatus.POSTED && inst.posted() == p.amount()) {
            return new LedgerResult.Posted(r, inst.fiscalYear(), inst.posted(), inst.amount() - inst.posted(), true);
        }
        if (inst.status() != TransferStatus.PENDING) {
            return alreadyResolved(r, inst.status());
        }
        if (p.amount() <= 0 || p.amount() > inst.amount()) {
            return new LedgerResult.Rejected(
                    Rejection.AMOUNT_TOO_LARGE,
                    "核销金额须大于零且不超过该分期的预留金额",
                    "the amount posted must be positive and at most the instalment reserved");
        }
        boolean firstPost = r.posted() == 0;
        long rest = inst.amount() - p.amount();
        for (Leg leg : r.legs()) {
            Account a = accounts.get(leg.accountId());
            if (leg.countLeg()) {
                if (firstPost) {
                    a.post(leg.amount(), leg.amount());
                    entries.add(new Entry(r.request().id(), a.id(), EntryKind.POST, leg.amount()));
                    touched.add(a.id());
                }
                continue;
            }
            if (leg.budgetLeg() && leg.fiscalYear() != inst.fiscalYear()) {
                continue;
            }
            // A budget leg holds this instalment; an award leg holds every instalment and gives up this one's share.
            a.post(inst.amount(), p.amount());
            entries.add(new Entry(r.request().id(), a.id(), EntryKind.POST, p.amount()));
            if (rest > 0) {
                entries.add(new Entry(r.request().id(), a.id(), EntryKind.RELEASE, rest));
            }
            touched.add(a.id());
        }
        inst.resolve(TransferStatus.POSTED, p.amount());
        inst.paidBy(p.paymentId());
        r.settle(now);
        return new LedgerResult.Posted(r, inst.fiscalYear(), p.amount(), rest, false);
    }

    private LedgerResult release(UUID id, TransferStatus to, String reason, Instant now) {
        Reservation r = reservations.get(id);
        if (r == null) {
            return unknown(id);
        }
        boolean nothingPending = r.instalments().stream().noneMatch(i -> i.status() == TransferStatus.PENDING);
        boolean someReleasedSo = r.instalments().stream().anyMatch(i -> i.status() == to);
        if (r.status() == to || (nothingPending && someReleasedSo && r.status() != TransferStatus.REFUSED)) {
            long released = r.instalments().stream()
                    .filter(i -> i.status() == to)
                    .mapToLong(InstalmentState::amount)
                    .sum();
            return to == TransferStatus.VOIDED
                    ? new LedgerResult.Voided(r, released, reason, true)
                    : new LedgerResult.Expired(r, released, true);
        }
        if (r.status() != TransferStatus.PENDING) {
            return alreadyResolved(r, r.status());
        }
        if (to == TransferStatus.EXPIRED) {
            if (r.posted() > 0) {
                return new LedgerResult.Rejected(
                        Rejection.ALREADY_RESOLVED,
                        "已有分期核销，预留不再过期",
                        "an instalment was posted: the reservation no longer expires");
            }
            if (now.isBefore(r.request().expiresAt())) {
                return new LedgerResult.Rejected(Rejection.NOT_EXPIRED, "预留尚未到期", "the reservation has not expired");
            }
        }
        EntryKind kind = to == TransferStatus.VOIDED ? EntryKind.VOID : EntryKind.EXPIRE;
        boolean anyPosted = r.posted() > 0;
        long released = 0;
        for (InstalmentState inst : r.instalments()) {
            if (inst.status() != TransferStatus.PENDING) {
                continue;
            }
            for (Leg leg : r.legs()) {
                if (leg.countLeg() || (leg.budgetLeg() && leg.fiscalYear() != inst.fiscalYear())) {
                    continue;
                }
                Account a = accounts.get(leg.accountId());
                a.release(inst.amount());
                entries.add(new Entry(id, a.id(), kind, inst.amount()));
                touched.add(a.id());
            }
            released += inst.amount();
            inst.resolve(to, 0);
        }
        if (!anyPosted) {
            for (Leg leg : r.legs()) {
                if (leg.countLeg()) {
                    Account a = accounts.get(leg.accountId());
                    a.release(leg.amount());
                    entries.add(new Entry(id, a.id(), kind, leg.amount()));
                    touched.add(a.id());
                }
            }
        }
        r.settle(now);
        return to == TransferStatus.VOIDED
                ? new LedgerResult.Voided(r, released, reason, false)
                : new LedgerResult.Expired(r, released, false);
    }

    private LedgerResult reverse(LedgerCommand.Reverse c, Instant now) {
        String fingerprint = Reversal.fingerprintOf(c.reservationId(), c.amount(), c.reason());
        if (taken.contains(c.reversalId()) || reservations.containsKey(c.reversalId())) {
            return conflict(c.reversalId());
        }
        Reversal existing = reversals.get(c.reversalId());
        Reservation r = reservations.get(c.reservationId());
        if (existing != null) {
            if (!existing.fingerprint().equals(fingerprint)) {
                return conflict(c.reversalId());
            }
            return new LedgerResult.Reversed(r, existing, true);
        }
        if (r == null) {
            return unknown(c.reservationId());
        }
        if (c.amount() <= 0 || c.amount() > r.posted() - r.reversed()) {
            return new LedgerResult.Rejected(
                    Rejection.AMOUNT_TOO_LARGE,
                    "追回金额须大于零且不超过已拨付未追回金额",
                    "the amount reversed must be positive and at most what was posted and not yet reversed");
        }
        long left = c.amount();
        List<InstalmentState> latestFirst = new ArrayList<>(r.instalments());
        Collections.reverse(latestFirst);
        for (InstalmentState inst : latestFirst) {
            long part = Math.min(left, inst.posted() - inst.reversed());
            if (part <= 0) {
                continue;
            }
            for (Leg leg : r.legs()) {
                if (leg.countLeg() || (leg.budgetLeg() && leg.fiscalYear() != inst.fiscalYear())) {
                    continue;
                }
                Account a = accounts.get(leg.accountId());
                a.reverse(part);
                entries.add(new Entry(c.reversalId(), a.id(), EntryKind.REVERSE, part));
                touched.add(a.id());
            }
            inst.addReversed(part);
            left -= part;
            if (left == 0) {
                break;
            }
        }
        r.touch();
        Reversal reversal =
                new Reversal(c.reversalId(), c.reservationId(), c.amount(), c.reason(), fingerprint, now, true);
        reversals.put(reversal.id(), reversal);
        return new LedgerResult.Reversed(r, reversal, false);
    }

    private LedgerResult setLimit(LedgerCommand.SetLimit s) {
        Account a = accounts.get(s.accountId());
        if (a == null
                && s.kind() != AccountKind.FISCAL_YEAR_TOTAL
                && (committedBeforeLimit.contains(s.accountId()) || committedInBatch(s))) {
            return new LedgerResult.Rejected(
                    Rejection.ALLOCATION_TOO_LATE,
                    "该项目、部门或地区本年度已有预留资金：额度须在首笔预留之前下达",
                    "money is already reserved for it this year: set an allocation before the first reservation");
        }
        if (a == null) {
            a = Account.open(s.accountId(), s.kind(), s.fiscalYear(), null);
            accounts.put(a.id(), a);
        }
        if (a.limitSet() && a.limit() == s.limit()) {
            return new LedgerResult.LimitSet(a, s.limit(), true);
        }
        if (!a.setLimit(s.limit())) {
            return new LedgerResult.Rejected(
                    Rejection.BELOW_COMMITTED,
                    "额度不得低于已预留和已拨付金额之和",
                    "the limit may not be lower than what is already reserved and posted");
        }
        touched.add(a.id());
        return new LedgerResult.LimitSet(a, s.limit(), false);
    }

    /** Whether a reservation of this batch already holds money this allocation would have to cover. */
    private boolean committedInBatch(LedgerCommand.SetLimit s) {
        String total = Accounts.fiscalYearTotal(s.fiscalYear());
        for (Reservation r : reservations.values()) {
            if (r.status() == TransferStatus.REFUSED
                    || r.status() == TransferStatus.VOIDED
                    || r.status() == TransferStatus.EXPIRED
                    || r.legs().stream().noneMatch(l -> l.accountId().equals(total))) {
                continue;
            }
            ReservationRequest q = r.request();
            boolean match = switch (s.kind()) {
                case PROGRAMME_ALLOCATION -> s.accountId().equals(Accounts.programme(s.fiscalYear(), q.programme()));
                case DEPARTMENT_ALLOCATION -> s.accountId().equals(Accounts.department(s.fiscalYear(), q.department()));
                case DISTRICT_BLOCK ->
                    q.blockGrant() && s.accountId().equals(Accounts.district(s.fiscalYear(), q.beneficiaryId()));
                default -> false;
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static LedgerResult conflict(UUID id) {
        return new LedgerResult.Rejected(
                Rejection.IDEMPOTENCY_CONFLICT,
                "编号 " + id + " 已用于另一笔不同的请求",
                "id " + id + " was already used with a different request");
    }

    private static LedgerResult unknown(UUID id) {
        return new LedgerResult.Rejected(Rejection.UNKNOWN_RESERVATION, "未找到预留 " + id, "no reservation " + id);
    }

    private static LedgerResult alreadyResolved(Reservation r, TransferStatus status) {
        return new LedgerResult.Rejected(
                Rejection.ALREADY_RESOLVED,
                "预留 " + r.request().id() + " 已处理（" + status + "）",
                "reservation " + r.request().id() + " is already " + status);
    }
}
