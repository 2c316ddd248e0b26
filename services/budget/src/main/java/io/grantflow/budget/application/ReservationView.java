package io.grantflow.budget.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.Reservation;
import io.grantflow.budget.persistence.LedgerQueries;
import io.grantflow.budget.persistence.LedgerStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A reservation as finance and reviewers see it: every instalment and every account it holds. */
public record ReservationView(
        UUID reservationId,
        UUID applicationId,
        String status,
        String programme,
        String department,
        String beneficiaryId,
        String beneficiaryKind,
        Integer fiscalYear,
        BigDecimal amount,
        BigDecimal posted,
        BigDecimal reversed,
        Instant expiresAt,
        String refusalCode,
        String refusalAccount,
        BigDecimal refusalHeadroom,
        List<InstalmentView> instalments,
        List<LegView> legs) {

    /** {@code condition}: of its payment, where the award's staging names one (else left out). */
    public record InstalmentView(
            int fiscalYear,
            BigDecimal amount,
            String status,
            BigDecimal posted,
            BigDecimal reversed,
            @JsonInclude(JsonInclude.Include.NON_NULL) String condition) {}

    public record LegView(String account, AccountKind kind, Integer fiscalYear, BigDecimal amount) {}

    public static ReservationView of(Reservation r) {
        var q = r.request();
        var f = r.refusal().orElse(null);
        return new ReservationView(
                q.id(),
                q.applicationId(),
                r.status().name(),
                q.programme(),
                q.department(),
                q.beneficiaryId(),
                q.beneficiaryKind(),
                q.awardYear(),
                fen(q.amount()),
                fen(r.posted()),
                fen(r.reversed()),
                q.expiresAt(),
                f == null ? null : f.code(),
                f == null ? null : f.account(),
                f == null ? null : LedgerStore.decimal(f.unit(), f.headroom()),
                r.instalments().stream()
                        .map(i -> new InstalmentView(
                                i.fiscalYear(),
                                fen(i.amount()),
                                i.status().name(),
                                fen(i.posted()),
                                fen(i.reversed()),
                                i.condition()))
                        .toList(),
                r.legs().stream()
                        .map(l -> new LegView(
                                l.accountId(),
                                l.kind(),
                                l.fiscalYear(),
                                LedgerStore.decimal(l.kind().unit(), l.amount())))
                        .toList());
    }

    static ReservationView of(LedgerQueries.TransferRow t, ObjectMapper json) {
        List<InstalmentView> instalments = new ArrayList<>();
        List<LegView> legs = new ArrayList<>();
        if (t.detail() != null) {
            try {
                JsonNode d = json.readTree(t.detail());
                for (JsonNode i : d.get("instalments")) {
                    instalments.add(new InstalmentView(
                            i.get("y").asInt(),
                            fen(i.get("n").asLong()),
                            i.get("s").asText(),
                            fen(i.get("p").asLong()),
                            fen(i.get("r").asLong()),
                            i.hasNonNull("c") ? i.get("c").asText() : null));
                }
                for (JsonNode l : d.get("legs")) {
                    AccountKind kind = AccountKind.valueOf(l.get("k").asText());
                    legs.add(new LegView(
                            l.get("a").asText(),
                            kind,
                            l.hasNonNull("y") ? l.get("y").asInt() : null,
                            LedgerStore.decimal(kind.unit(), l.get("n").asLong())));
                }
            } catch (Exception e) {
                throw new IllegalStateException("unreadable transfer " + t.id(), e);
            }
        }
        return new ReservationView(
                t.id(),
                t.applicationId(),
                t.status(),
                t.programme(),
                t.department(),
                t.beneficiaryId(),
                t.beneficiaryKind(),
                t.fiscalYear(),
                t.amount(),
                t.posted(),
                t.reversed(),
                t.expiresAt(),
                t.refusalCode(),
                t.refusalAccount(),
                t.refusalHeadroom(),
                instalments,
                legs);
    }

    private static BigDecimal fen(long units) {
        return LedgerStore.decimal(AccountKind.Unit.FEN, units);
    }
}
