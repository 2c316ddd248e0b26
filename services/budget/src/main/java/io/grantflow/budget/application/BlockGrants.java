package io.grantflow.budget.application;

import io.grantflow.budget.domain.Approval;
import io.grantflow.budget.domain.BlockGrant;
import io.grantflow.budget.domain.InstalmentPlan;
import io.grantflow.budget.domain.LedgerCommand;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.budget.persistence.BlockGrantStore;
import io.grantflow.budget.persistence.LedgerQueries;
import io.grantflow.contracts.commands.ReserveFundsV1;
import io.grantflow.contracts.events.InstalmentAmount;
import io.grantflow.contracts.vocabulary.Vocabulary;
import io.grantflow.platform.messaging.MessageContext;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * District block grants (拨改转), the only reservations made over REST: one finance officer
 * proposes, another approves, and only the approval reserves, through the same ledger rules as
 * every award (the catalogue's block-grant programme and its department, a district code, the
 * year's total and the district's block). The reservation carries both names, so that
 * disbursement pays only what two people approved.
 */
@ApplicationScoped
public class BlockGrants {
    /** Stands for the second officer while the proposal is checked, before anyone approved it. */
    private static final String NOT_YET = "(approver)";

    private final BlockGrantStore store;
    private final Ledger ledger;
    private final BudgetCatalogue catalogue;
    private final LedgerQueries ledgerQueries;
    private final BudgetQueries queries;

    public BlockGrants(
            BlockGrantStore store,
            Ledger ledger,
            BudgetCatalogue catalogue,
            LedgerQueries ledgerQueries,
            BudgetQueries queries) {
        this.store = store;
        this.ledger = ledger;
        this.catalogue = catalogue;
        this.ledgerQueries = ledgerQueries;
        this.queries = queries;
    }

    /** A proposal; amounts in yuan. */
    public record Proposal(
            UUID id,
            String programme,
            String department,
            String district,
            int fiscalYear,
            BigDecimal amount,
            List<InstalmentAmount> instalments,
            String reason) {}

    /** A block grant with the reservation its approval made (null before). */
    public record GrantView(
            UUID id,
            String programme,
            String department,
            String district,
            int fiscalYear,
            BigDecimal amount,
            List<InstalmentAmount> instalments,
            String reason,
            String status,
            String proposedBy,
            Instant proposedAt,
            String decidedBy,
            Instant decidedAt,
            String decisionNote,
            ReservationView reservation) {}

    /** A proposal stored, or found again ({@code created} false): the same proposal is answered as the first. */
    public record Proposed(GrantView grant, boolean created) {}

    /** Proposes a grant; the same proposal again returns the first, another under the same id is 409. */
    public Uni<Proposed> propose(Proposal p, String actor) {
        requirePublished();
        // every rule of a reservation is checked now, so that an approval can only fail on the budget's balances
        // the district is named by its own code, beside whatever else is wrong with the proposal
        List<FieldError> errors = new ArrayList<>();
        if (p.district() != null && !Vocabulary.DISTRICT_CODES.contains(p.district())) {
            errors.add(new FieldError(
                    "district",
                    "UNKNOWN_DISTRICT",
                    "未知的区县代码：" + Problems.echo(p.district()),
                    "unknown district code: " + Problems.echo(p.district())));
        }
        boolean districtNamed = !errors.isEmpty();
        LedgerCommand.Reserve checked = null;
        try {
            checked = BudgetCommands.reserve(
                    command(p), null, ledger.rules(), catalogue, Approval.blockGrant(actor, NOT_YET));
        } catch (BudgetCommands.InvalidCommandException e) {
            // named as the proposal names them
            e.errors().stream()
                    .map(f -> new FieldError(
                            f.field()
                                    .replace("beneficiaryId", "district")
                                    .replace("beneficiaryKind", "district")
                                    .replace("reservationId", "blockGrantId"),
                            f.code(),
                            f.messageZh(),
                            f.messageEn()))
                    // decided before adding: the list grows while it is filtered into
                    .filter(f -> !districtNamed || !f.field().equals("district"))
                    .forEach(errors::add);
        }
        if (!errors.isEmpty()) {
            throw new BudgetCommands.InvalidCommandException(errors);
        }
        var q = checked.request();
        List<InstalmentPlan> plans = p.instalments() == null || p.instalments().isEmpty() ? List.of() : q.instalments();
        String fingerprint = BlockGrant.fingerprintOf(
                q.programme(), q.department(), q.beneficiaryId(), q.awardYear(), q.amount(), plans, p.reason());
        BlockGrant grant = new BlockGrant(
                p.id(),
                q.programme(),
                q.department(),
                q.beneficiaryId(),
                q.awardYear(),
                q.amount(),
                plans,
                p.reason(),
                BlockGrant.Status.PROPOSED,
                fingerprint,
                actor,
                Instant.now(),
                null,
                null,
                null);
        return blocking(() -> {
                    if (store.insert(grant)) {
                        return Map.entry(grant, true);
                    }
                    BlockGrant existing = store.find(p.id()).orElseThrow();
                    if (!existing.fingerprint().equals(fingerprint)
                            || !existing.proposedBy().equals(actor)) {
                        throw ProblemException.conflict(
                                "IDEMPOTENCY_CONFLICT",
                                "该编号已用于另一项拨改转提议",
                                "This id was used for another block grant proposal");
                    }
                    return Map.entry(existing, false);
                })
                .chain(found -> view(found.getKey()).map(v -> new Proposed(v, found.getValue())));
    }

    /** An approval's outcome: the grant, and what the ledger answered (null for a settled replay). */
    public record ApprovalOutcome(GrantView grant, LedgerResult result) {}

    /** The second pair of eyes: reserves the grant, never for the person who proposed it. */
    public Uni<ApprovalOutcome> approve(UUID id, String approver) {
        return blocking(() -> load(id)).chain(grant -> {
            var existing = ledgerQueries.transfer(id);
            if (existing.isPresent()) {
                // reserved already (a retried approval, or a crash before the grant was marked): settle the grant
                return blocking(() -> {
                            if (grant.status() == BlockGrant.Status.PROPOSED) {
                                store.decide(grant.decided(
                                        existing.get().status().equals("REFUSED")
                                                ? BlockGrant.Status.REFUSED
                                                : BlockGrant.Status.APPROVED,
                                        approver,
                                        Instant.now(),
                                        null));
                            }
                            return load(id);
                        })
                        .chain(this::view)
                        .map(v -> new ApprovalOutcome(v, null));
            }
            String refusal = grant.approvalRefusal(approver);
            if ("FOUR_EYES".equals(refusal)) {
                throw ProblemException.forbidden(
                        "FOUR_EYES",
                        "提议人不能复核自己的拨改转提议，须由另一名财政人员核定",
                        "The officer who proposed a block grant cannot approve it: another finance officer must");
            }
            if (refusal != null) {
                throw new ProblemException(
                                409,
                                "NOT_PROPOSED",
                                "状态冲突",
                                "Conflict",
                                "该拨改转已" + grant.status() + "，不能再核定",
                                "This block grant is " + grant.status() + " and can no longer be approved",
                                null)
                        .with("status", grant.status().name())
                        .with("allowed", List.of());
            }
            requirePublished();
            LedgerCommand.Reserve reserve = BudgetCommands.reserve(
                    command(grant), null, ledger.rules(), catalogue, Approval.blockGrant(grant.proposedBy(), approver));
            return ledger.apply(reserve, LedgerWriter.Origin.of(new MessageContext(id.toString(), null), approver))
                    .chain(result -> blocking(() -> {
                        BlockGrant.Status to = result instanceof LedgerResult.Reserved
                                ? BlockGrant.Status.APPROVED
                                : result instanceof LedgerResult.Refused ? BlockGrant.Status.REFUSED : null;
                        if (to != null) {
                            store.decide(grant.decided(to, approver, Instant.now(), null));
                        }
                        return result;
                    }))
                    .chain(result ->
                            blocking(() -> load(id)).chain(this::view).map(v -> new ApprovalOutcome(v, result)));
        });
    }

    /** Withdrawn by its proposer or turned down by another officer; nothing was reserved. */
    public Uni<GrantView> reject(UUID id, String actor, String reason) {
        return blocking(() -> {
                    BlockGrant grant = load(id);
                    if (grant.status() != BlockGrant.Status.PROPOSED
                            || ledgerQueries.transfer(id).isPresent()) {
                        throw new ProblemException(
                                        409,
                                        "NOT_PROPOSED",
                                        "状态冲突",
                                        "Conflict",
                                        "该拨改转已" + grant.status() + "，不能驳回",
                                        "This block grant is " + grant.status() + " and can no longer be rejected",
                                        null)
                                .with("status", grant.status().name());
                    }
                    if (!store.decide(grant.decided(BlockGrant.Status.REJECTED, actor, Instant.now(), reason))) {
                        throw ProblemException.conflict(
                                "CONCURRENT_CHANGE",
                                "该拨改转刚被他人处理，请刷新",
                                "Someone else decided this block grant just now; reload");
                    }
                    return load(id);
                })
                .chain(this::view);
    }

    public Uni<GrantView> get(UUID id) {
        return blocking(() -> load(id)).chain(this::view);
    }

    public Uni<Page<GrantView>> list(String status, Integer fiscalYear, PageRequest page) {
        return blocking(() -> store.page(status, fiscalYear, page.limit(), page.offset()))
                .map(found -> new Page<>(
                        found.getKey().stream().map(g -> view(g, null)).toList(),
                        found.getValue(),
                        page.limit(),
                        page.offset()));
    }

    private void requirePublished() {
        if (!catalogue.published()) {
            throw Problems.catalogueNotPublished();
        }
    }

    private BlockGrant load(UUID id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("拨改转", "block grant", id.toString()));
    }

    private Uni<GrantView> view(BlockGrant g) {
        if (g.status() != BlockGrant.Status.APPROVED && g.status() != BlockGrant.Status.REFUSED) {
            return Uni.createFrom().item(view(g, null));
        }
        return queries.reservation(g.id())
                .map(r -> view(g, r))
                .onFailure(ProblemException.class)
                .recoverWithItem(() -> view(g, null));
    }

    private static GrantView view(BlockGrant g, ReservationView reservation) {
        return new GrantView(
                g.id(),
                g.programme(),
                g.department(),
                g.district(),
                g.fiscalYear(),
                LedgerEvents.yuan(g.amount()),
                g.instalments().stream()
                        .map(i -> new InstalmentAmount(i.fiscalYear(), LedgerEvents.yuan(i.amount())))
                        .toList(),
                g.reason(),
                g.status().name(),
                g.proposedBy(),
                g.proposedAt(),
                g.decidedBy(),
                g.decidedAt(),
                g.decisionNote(),
                reservation);
    }

    private static ReserveFundsV1 command(Proposal p) {
        return new ReserveFundsV1(
                p.id(),
                p.id(),
                p.programme(),
                p.department(),
                p.district(),
                "district",
                p.fiscalYear(),
                p.amount(),
                p.instalments() == null ? List.of() : p.instalments(),
                List.of(),
                Instant.now());
    }

    private static ReserveFundsV1 command(BlockGrant g) {
        return new ReserveFundsV1(
                g.id(),
                g.id(),
                g.programme(),
                g.department(),
                g.district(),
                "district",
                g.fiscalYear(),
                LedgerEvents.yuan(g.amount()),
                g.instalments().stream()
                        .map(i -> new InstalmentAmount(i.fiscalYear(), LedgerEvents.yuan(i.amount())))
                        .toList(),
                List.of(),
                g.proposedAt());
    }

    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
