package io.grantflow.disbursement.application;

import io.grantflow.contracts.commands.ReverseFundsV1;
import io.grantflow.contracts.events.FundsReservedV1;
import io.grantflow.contracts.events.RecoveryOrderedV1;
import io.grantflow.contracts.events.RecoveryRecordedV1;
import io.grantflow.disbursement.domain.PaymentStatus;
import io.grantflow.disbursement.domain.recovery.Recovery;
import io.grantflow.disbursement.domain.statement.StatementEntry;
import io.grantflow.disbursement.persistence.PaymentEntity;
import io.grantflow.disbursement.persistence.RecoveryEntryEntity;
import io.grantflow.disbursement.persistence.RecoveryOrderEntity;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.messaging.Outbox;
import io.grantflow.platform.money.Money;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.Pages;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Recovery orders (追回, ADR 0029): finance orders money paid on an application recovered; it is
 * withheld from the applicant's later payments as they leave (recorded when the treasury confirms
 * them) and the rest repaid by bank transfer, seen in an imported statement. Each recovery
 * reverses that much of the clawed-back award's posted money in the budget, under an id derived
 * from the recovery entry, so that no retry reverses twice. The order and each recovery are
 * announced through the outbox in the transaction that records them.
 */
@ApplicationScoped
public class Recoveries {
    private static final Logger LOG = Logger.getLogger(Recoveries.class);
    public static final Set<String> STATUSES = Set.of("OUTSTANDING", "SETTLED");

    private final Outbox outbox;

    public Recoveries(Outbox outbox) {
        this.outbox = outbox;
    }

    /** What finance orders. */
    public record NewOrder(
            UUID applicationId, BigDecimal amount, Recovery.Basis basis, String reasonsZh, String reasonsEn) {}

    /** One recovery of an order as read. */
    public record EntryRecord(
            UUID id,
            String kind,
            String state,
            BigDecimal amount,
            UUID paymentId,
            UUID statementId,
            Integer statementLine,
            OffsetDateTime createdAt,
            OffsetDateTime recordedAt) {
        static EntryRecord of(RecoveryEntryEntity e) {
            return new EntryRecord(
                    e.id,
                    e.kind,
                    e.state,
                    e.amount,
                    e.paymentId,
                    e.statementId,
                    e.statementLine,
                    e.createdAt,
                    e.recordedAt);
        }
    }

    /** A recovery order as read: outstanding is what no payment withholds and nothing repaid yet. */
    public record RecoveryRecord(
            UUID id,
            String reference,
            UUID applicationId,
            UUID reservationId,
            String applicantId,
            String programme,
            String department,
            BigDecimal amount,
            BigDecimal recovered,
            BigDecimal withheld,
            BigDecimal outstanding,
            String basis,
            String reasonsZh,
            String reasonsEn,
            String status,
            String orderedBy,
            OffsetDateTime orderedAt,
            OffsetDateTime settledAt,
            List<EntryRecord> entries) {
        static RecoveryRecord of(RecoveryOrderEntity o, List<EntryRecord> entries) {
            return new RecoveryRecord(
                    o.id,
                    o.reference,
                    o.applicationId,
                    o.reservationId,
                    o.applicantId,
                    o.programme,
                    o.department,
                    o.amount,
                    o.recovered,
                    o.withheld,
                    Recovery.outstanding(o.amount, o.recovered, o.withheld),
                    o.basis,
                    o.reasonsZh,
                    o.reasonsEn,
                    o.status,
                    o.orderedBy,
                    o.orderedAt,
                    o.settledAt,
                    entries);
        }
    }

    /** Who may see which orders: everyone's, a department's, or an enterprise's own. */
    public record Scope(Optional<String> department, Optional<String> applicant) {
        public static final Scope ALL = new Scope(Optional.empty(), Optional.empty());
    }

    /**
     * Orders money paid on the application recovered. The same Idempotency-Key of the same person
     * again answers with the order it made; with another body it is 409. Refused (422) when
     * nothing was paid on the application or the amount is more than was paid on it less what
     * earlier orders recover.
     */
    public Uni<RecoveryRecord> order(NewOrder request, String key, String actor) {
        String fingerprint = Reconcile.sha256(
                request.applicationId() + "|" + request.amount().toPlainString() + "|" + request.basis() + "|"
                        + request.reasonsZh() + "|" + request.reasonsEn());
        return Panache.withTransaction(() -> InstructPayment.lock(request.applicationId())
                .chain(() -> key == null
                        ? Uni.createFrom().<RecoveryOrderEntity>nullItem()
                        : RecoveryOrderEntity.<RecoveryOrderEntity>find(
                                        "orderedBy = ?1 and idempotencyKey = ?2", actor, key)
                                .firstResult())
                .chain(existing -> {
                    if (existing != null) {
                        if (!existing.fingerprint.equals(fingerprint)) {
                            throw ProblemException.conflict(
                                    "IDEMPOTENCY_KEY_REUSED",
                                    "该 Idempotency-Key 已用于另一追回决定",
                                    "This Idempotency-Key was used for another recovery order");
                        }
                        return Uni.createFrom().item(existing);
                    }
                    return create(request, key, actor, fingerprint);
                })
                .chain(this::withEntries));
    }

    /**
     * Nothing of an application was paid: a block grant's id is told apart, since finance may well
     * try it (a grant to a district is not an application's award and is not recovered here).
     */
    private static Uni<List<PaymentEntity>> refuseNothingPaid(UUID id) {
        return PaymentEntity.count("applicationId = ?1 and origin <> ?2", id, FundsReservedV1.ORIGIN_APPLICATION)
                .map(others -> {
                    if (others > 0) {
                        throw ProblemException.unprocessable(
                                "NOT_AN_APPLICATION",
                                "这是区县切块资金，不是申请：追回决定只针对按申请拨付的资金",
                                "This is a district block grant, not an application: recovery orders are for money"
                                        + " paid on applications",
                                List.of(new FieldError(
                                        "applicationId",
                                        "NOT_AN_APPLICATION",
                                        "区县切块资金不在此追回",
                                        "a district block grant is not recovered here")));
                    }
                    return List.of();
                });
    }

    private Uni<RecoveryOrderEntity> create(NewOrder request, String key, String actor, String fingerprint) {
        return PaymentEntity.<PaymentEntity>list(
                        "applicationId = ?1 and status = ?2 and origin = ?3 order by settledAt desc",
                        request.applicationId(),
                        PaymentStatus.PAID.name(),
                        FundsReservedV1.ORIGIN_APPLICATION)
                .chain(paid -> paid.isEmpty()
                        ? refuseNothingPaid(request.applicationId())
                        : Uni.createFrom().item(paid))
                .chain(paid -> {
                    if (paid.isEmpty()) {
                        throw ProblemException.unprocessable(
                                "NOTHING_PAID",
                                "该申请尚无已拨付资金，无可追回",
                                "Nothing was paid on this application: there is nothing to recover",
                                List.of(new FieldError(
                                        "applicationId", "NOTHING_PAID", "该申请尚无已拨付资金", "nothing paid on it")));
                    }
                    // what the budget posted for it: the cash and what it offset of other debts
                    BigDecimal paidTotal = paid.stream()
                            .map(p -> (p.confirmedAmount == null ? p.net() : p.confirmedAmount).add(p.offsetAmount))
                            .reduce(Money.ZERO, BigDecimal::add);
                    return orderedOn(request.applicationId()).map(before -> {
                        BigDecimal orderable = Recovery.orderable(paidTotal, before);
                        if (request.amount().compareTo(orderable) > 0) {
                            throw ProblemException.unprocessable(
                                            "RECOVERY_ABOVE_PAID",
                                            "追回金额不得高于已拨付金额减已追回决定金额（" + Money.format(orderable) + " 元）",
                                            "No more than " + Money.format(orderable)
                                                    + " (paid less earlier recovery orders) can be recovered",
                                            List.of(new FieldError(
                                                    "amount",
                                                    "RECOVERY_ABOVE_PAID",
                                                    "至多 " + Money.format(orderable) + " 元",
                                                    "at most " + Money.format(orderable))))
                                    .with("orderable", orderable);
                        }
                        return paid.get(0);
                    });
                })
                .chain(latest -> {
                    RecoveryOrderEntity o = new RecoveryOrderEntity();
                    o.id = UUID.randomUUID();
                    o.reference = Recovery.referenceOf(o.id);
                    o.applicationId = request.applicationId();
                    o.reservationId = latest.reservationId;
                    o.applicantId = latest.beneficiaryId;
                    o.programme = latest.programme;
                    o.department = latest.department;
                    o.amount = request.amount().setScale(2);
                    o.recovered = Money.ZERO;
                    o.withheld = Money.ZERO;
                    o.basis = request.basis().name();
                    o.reasonsZh = request.reasonsZh();
                    o.reasonsEn = request.reasonsEn();
                    o.status = Recovery.Status.OUTSTANDING.name();
                    o.orderedBy = actor;
                    o.orderedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    o.idempotencyKey = key;
                    o.fingerprint = fingerprint;
                    LOG.infof(
                            "recovery %s of %s ordered on application %s by %s",
                            o.reference, o.amount, o.applicationId, actor);
                    return o.persist()
                            .chain(() -> outbox.add(
                                    new RecoveryOrderedV1(
                                            o.id,
                                            o.reference,
                                            o.applicationId,
                                            o.reservationId,
                                            o.applicantId,
                                            o.programme,
                                            o.department,
                                            o.amount,
                                            o.basis,
                                            o.reasonsZh,
                                            o.reasonsEn,
                                            o.orderedBy,
                                            o.orderedAt.toInstant()),
                                    o.applicationId.toString(),
                                    new MessageContext(latest.correlationId, o.id.toString())))
                            .replaceWith(o);
                });
    }

    private static Uni<BigDecimal> orderedOn(UUID applicationId) {
        return Panache.getSession()
                .chain(s -> s.createQuery(
                                "select coalesce(sum(amount), 0) from RecoveryOrderEntity where applicationId = :a",
                                BigDecimal.class)
                        .setParameter("a", applicationId)
                        .getSingleResult());
    }

    /**
     * A payment about to leave for the first time: each open order of its applicant withholds
     * what it is owed, oldest first, up to the payment's amount. Called under the payment's row
     * lock; the orders are locked too, so that two payments of one applicant never withhold the
     * same debt. Returns the amount withheld (the payment's offset).
     */
    public Uni<BigDecimal> withhold(PaymentEntity payment) {
        if (!FundsReservedV1.ORIGIN_APPLICATION.equals(payment.origin)) {
            return Uni.createFrom().item(Money.ZERO); // a block grant pays a district, not an applicant who owes
        }
        return RecoveryOrderEntity.<RecoveryOrderEntity>find(
                        "applicantId = ?1 and status = ?2",
                        Sort.ascending("orderedAt", "id"),
                        payment.beneficiaryId,
                        Recovery.Status.OUTSTANDING.name())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                .chain(open -> {
                    List<BigDecimal> parts = Recovery.withhold(
                            payment.amount,
                            open.stream()
                                    .map(o -> Recovery.outstanding(o.amount, o.recovered, o.withheld))
                                    .toList());
                    List<Object> entries = new ArrayList<>();
                    BigDecimal total = Money.ZERO;
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    for (int i = 0; i < open.size(); i++) {
                        BigDecimal part = parts.get(i);
                        if (part.signum() == 0) {
                            continue;
                        }
                        RecoveryOrderEntity o = open.get(i);
                        o.withheld = o.withheld.add(part);
                        RecoveryEntryEntity e = new RecoveryEntryEntity();
                        e.id = UUID.nameUUIDFromBytes(
                                ("offset:" + o.id + ":" + payment.id).getBytes(StandardCharsets.UTF_8));
                        e.orderId = o.id;
                        e.kind = Recovery.EntryKind.OFFSET.name();
                        e.state = Recovery.EntryState.PENDING.name();
                        e.amount = part;
                        e.paymentId = payment.id;
                        e.createdAt = now;
                        entries.add(e);
                        total = total.add(part);
                        LOG.infof("payment %s withholds %s for recovery %s", payment.id, part, o.reference);
                    }
                    payment.offsetAmount = total;
                    BigDecimal withheld = total;
                    return entries.isEmpty()
                            ? Uni.createFrom().item(withheld)
                            : Panache.getSession()
                                    .chain(s -> s.persistAll(entries.toArray()))
                                    .replaceWith(withheld);
                });
    }

    /** The treasury confirmed a payment that withheld money: each offset is recovered for good. */
    public Uni<Void> offsetsPaid(PaymentEntity payment, Instant at) {
        if (payment.offsetAmount == null || payment.offsetAmount.signum() == 0) {
            return Uni.createFrom().voidItem();
        }
        return pendingOf(payment)
                .chain(entries -> each(
                        entries,
                        e -> lockOrder(e.orderId).chain(o -> {
                            o.withheld = o.withheld.subtract(e.amount);
                            return recovered(
                                    o, e, at, new MessageContext(payment.correlationId, payment.id.toString()));
                        })));
    }

    /** A payment that withheld money failed: the debt is owed again, for the next payment or a repayment. */
    public Uni<Void> offsetsReleased(PaymentEntity payment) {
        if (payment.offsetAmount == null || payment.offsetAmount.signum() == 0) {
            return Uni.createFrom().voidItem();
        }
        return pendingOf(payment)
                .chain(entries -> each(
                        entries,
                        e -> lockOrder(e.orderId)
                                .invoke(o -> {
                                    o.withheld = o.withheld.subtract(e.amount);
                                    e.state = Recovery.EntryState.RELEASED.name();
                                    LOG.infof(
                                            "payment %s failed: %s for recovery %s is owed again",
                                            payment.id, e.amount, o.reference);
                                })
                                .replaceWithVoid()));
    }

    /**
     * The credit entries of a newly imported statement that quote an order's reference repay it,
     * each up to what the order is still owed. A credit quoting no order is left for finance, a
     * mismatch of the statement.
     */
    public Uni<Void> repayments(UUID statementId, List<StatementEntry> entries) {
        List<StatementEntry> credits = new ArrayList<>();
        for (StatementEntry e : entries) {
            if (!e.debit() && referenceIn(e) != null) {
                credits.add(e);
            }
        }
        return each(
                credits,
                e -> RecoveryOrderEntity.<RecoveryOrderEntity>find("reference", referenceIn(e))
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .firstResult()
                        .chain(o -> {
                            if (o == null) {
                                return Uni.createFrom().voidItem();
                            }
                            BigDecimal part = Recovery.repaid(
                                    e.amount(), Recovery.outstanding(o.amount, o.recovered, o.withheld));
                            if (part.signum() == 0) {
                                LOG.warnf(
                                        "statement %s line %d repays %s of recovery %s, which is owed nothing",
                                        statementId, e.line(), e.amount(), o.reference);
                                return Uni.createFrom().voidItem();
                            }
                            RecoveryEntryEntity entry = new RecoveryEntryEntity();
                            entry.id = UUID.nameUUIDFromBytes(
                                    ("repayment:" + statementId + ":" + e.line()).getBytes(StandardCharsets.UTF_8));
                            entry.orderId = o.id;
                            entry.kind = Recovery.EntryKind.REPAYMENT.name();
                            entry.state = Recovery.EntryState.RECORDED.name();
                            entry.amount = part;
                            entry.statementId = statementId;
                            entry.statementLine = e.line();
                            entry.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
                            return entry.persist()
                                    .chain(() -> recovered(
                                            o,
                                            entry,
                                            Instant.now(),
                                            new MessageContext(o.id.toString(), statementId.toString())));
                        }));
    }

    /** The recovery reference an entry quotes, or null. */
    public static String referenceIn(StatementEntry e) {
        return Recovery.referenceIn(e.reference(), e.bankReference());
    }

    /** The references of these that name a recovery order. */
    public static Uni<Set<String>> known(Set<String> references) {
        if (references.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession()
                .chain(s -> s.createQuery(
                                "select reference from RecoveryOrderEntity where reference in :r", String.class)
                        .setParameter("r", references)
                        .getResultList())
                .map(Set::copyOf);
    }

    /** An entry recovered for good: the order's numbers, its event and the budget's reversal. */
    private Uni<Void> recovered(RecoveryOrderEntity o, RecoveryEntryEntity e, Instant at, MessageContext context) {
        o.recovered = o.recovered.add(e.amount);
        e.state = Recovery.EntryState.RECORDED.name();
        e.recordedAt = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        boolean settled = o.recovered.compareTo(o.amount) == 0;
        if (settled) {
            o.status = Recovery.Status.SETTLED.name();
            o.settledAt = e.recordedAt;
        }
        BigDecimal outstanding = Recovery.outstanding(o.amount, o.recovered, o.withheld);
        LOG.infof("recovery %s: %s recovered by %s, %s outstanding", o.reference, e.amount, e.kind, outstanding);
        String why =
                "追回 " + o.reference + "（" + (Recovery.EntryKind.OFFSET.name().equals(e.kind) ? "抵扣" : "退款")
                        + "）/ recovery " + o.reference + " (" + e.kind.toLowerCase(Locale.ROOT) + ")";
        return outbox.add(
                        new RecoveryRecordedV1(
                                e.id,
                                o.id,
                                o.reference,
                                o.applicationId,
                                o.applicantId,
                                o.department,
                                e.kind,
                                e.amount,
                                outstanding,
                                settled,
                                e.paymentId,
                                e.statementId,
                                e.statementLine,
                                at),
                        o.applicationId.toString(),
                        context)
                .chain(() -> outbox.add(
                        new ReverseFundsV1(
                                // derived from the entry: whatever retries, one recovery reverses once
                                UUID.nameUUIDFromBytes(("reversal:" + e.id).getBytes(StandardCharsets.UTF_8)),
                                o.reservationId,
                                e.amount,
                                why,
                                at),
                        o.applicationId.toString(),
                        context))
                .replaceWithVoid();
    }

    private static Uni<List<RecoveryEntryEntity>> pendingOf(PaymentEntity payment) {
        return RecoveryEntryEntity.<RecoveryEntryEntity>list(
                "paymentId = ?1 and state = ?2 order by createdAt, id", payment.id, Recovery.EntryState.PENDING.name());
    }

    private static Uni<RecoveryOrderEntity> lockOrder(UUID id) {
        return Panache.getSession().chain(s -> s.find(RecoveryOrderEntity.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    private static <T> Uni<Void> each(List<T> items, Function<T, Uni<Void>> work) {
        return Multi.createFrom()
                .iterable(items)
                .onItem()
                .transformToUniAndConcatenate(item -> work.apply(item))
                .collect()
                .asList()
                .replaceWithVoid();
    }

    public Uni<RecoveryRecord> get(UUID id, Scope scope) {
        return Panache.withSession(() -> RecoveryOrderEntity.<RecoveryOrderEntity>findById(id)
                .map(o -> {
                    if (o == null || !visible(o, scope)) {
                        throw ProblemException.notFound("追回决定", "recovery order", id.toString());
                    }
                    return o;
                })
                .chain(this::withEntries));
    }

    /** A page of orders, newest first, optionally of one application, applicant or status. */
    public Uni<Page<RecoveryRecord>> list(
            UUID applicationId, String applicantId, String status, Scope scope, PageRequest page) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (applicationId != null) {
            query.append(" and applicationId = :application");
            params.put("application", applicationId);
        }
        if (applicantId != null) {
            query.append(" and applicantId = :applicant");
            params.put("applicant", applicantId);
        }
        if (status != null) {
            query.append(" and status = :status");
            params.put("status", status);
        }
        scope.department().ifPresent(d -> {
            query.append(" and department = :department");
            params.put("department", d);
        });
        scope.applicant().ifPresent(a -> {
            query.append(" and applicantId = :own");
            params.put("own", a);
        });
        return Panache.withSession(() -> Pages.of(
                        RecoveryOrderEntity.<RecoveryOrderEntity>find(
                                query.toString(), Sort.descending("orderedAt").and("id"), params),
                        page,
                        o -> o)
                .chain(rows -> entriesOf(rows.items().stream().map(o -> o.id).toList())
                        .map(entries -> rows.map(o -> RecoveryRecord.of(o, entries.getOrDefault(o.id, List.of()))))));
    }

    private Uni<RecoveryRecord> withEntries(RecoveryOrderEntity o) {
        return entriesOf(List.of(o.id)).map(entries -> RecoveryRecord.of(o, entries.getOrDefault(o.id, List.of())));
    }

    private static Uni<Map<UUID, List<EntryRecord>>> entriesOf(List<UUID> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return RecoveryEntryEntity.<RecoveryEntryEntity>list("orderId in ?1", orders)
                .map(rows -> rows.stream()
                        .sorted(Comparator.comparing((RecoveryEntryEntity e) -> e.createdAt)
                                .thenComparing(e -> e.id))
                        .collect(Collectors.groupingBy(
                                e -> e.orderId, Collectors.mapping(EntryRecord::of, Collectors.toList()))));
    }

    private static boolean visible(RecoveryOrderEntity o, Scope scope) {
        return scope.department().map(d -> d.equals(o.department)).orElse(true)
                && scope.applicant().map(a -> a.equals(o.applicantId)).orElse(true);
    }
}
