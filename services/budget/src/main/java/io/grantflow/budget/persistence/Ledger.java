package io.grantflow.budget.persistence;

import io.grantflow.budget.domain.Headroom;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/**
 * The only writer of balances. Each change is one conditional UPDATE (so two concurrent
 * reservations can never both take the last headroom) plus its append-only entry, in the
 * caller's transaction.
 */
@ApplicationScoped
public class Ledger {

    /** Adds {@code amount} to the account's pending balance if it fits; false when it does not. */
    public Uni<Boolean> reserve(UUID transferId, String accountId, BigDecimal amount) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        UPDATE account SET pending = pending + ?1, updated_at = now()
                         WHERE id = ?2 AND limit_amount - pending - posted >= ?1""")
                .setParameter(1, amount).setParameter(2, accountId).executeUpdate())
                .chain(rows -> rows == 1 ? entry(transferId, accountId, "RESERVE", amount).replaceWith(true)
                        : Uni.createFrom().item(false));
    }

    /** Moves {@code amount} from pending to posted. */
    public Uni<Void> post(UUID transferId, String accountId, BigDecimal amount) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        UPDATE account SET pending = pending - ?1, posted = posted + ?1, updated_at = now()
                         WHERE id = ?2 AND pending >= ?1""")
                .setParameter(1, amount).setParameter(2, accountId).executeUpdate())
                .chain(rows -> {
                    if (rows != 1) {
                        return Uni.createFrom().failure(new IllegalStateException(
                                "account " + accountId + " has less pending than " + amount));
                    }
                    return entry(transferId, accountId, "POST", amount);
                });
    }

    /** Releases {@code amount} of pending back to the account: a reservation that will not be spent. */
    public Uni<Void> voidPending(UUID transferId, String accountId, BigDecimal amount) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        UPDATE account SET pending = pending - ?1, updated_at = now()
                         WHERE id = ?2 AND pending >= ?1""")
                .setParameter(1, amount).setParameter(2, accountId).executeUpdate())
                .chain(rows -> {
                    if (rows != 1) {
                        return Uni.createFrom().failure(new IllegalStateException(
                                "account " + accountId + " has less pending than " + amount));
                    }
                    return entry(transferId, accountId, "VOID", amount);
                });
    }

    public Uni<Optional<Headroom>> headroom(String accountId) {
        return AccountEntity.<AccountEntity>findById(accountId).map(a -> Optional.ofNullable(a)
                .map(x -> new Headroom(x.id, x.limitAmount, x.pending, x.posted)));
    }

    private static Uni<Void> entry(UUID transferId, String accountId, String kind, BigDecimal amount) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        INSERT INTO ledger_entry (transfer_id, account_id, kind, amount, at)
                        VALUES (?1, ?2, ?3, ?4, now())""")
                .setParameter(1, transferId).setParameter(2, accountId).setParameter(3, kind)
                .setParameter(4, amount).executeUpdate()).replaceWithVoid();
    }
}
