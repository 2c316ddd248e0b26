package io.grantflow.applications.application;

import io.grantflow.applications.domain.procedure.ProcedureState;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What is in public announcement (公示), for anyone to read: the enterprise's name (its profile's,
 * else its unified social credit code, itself public), the programme, the proposed amount and the
 * period. Nothing else of the file: no facts, no contacts, no reviewer.
 */
@ApplicationScoped
public class AnnouncementQueries {

    /** One announced award. {@code objected}: an objection is open, the award is held. */
    public record Announced(
            UUID applicationId,
            String enterprise,
            String creditCode,
            String programme,
            BigDecimal proposedAmount,
            OffsetDateTime publishedAt,
            OffsetDateTime closesAt,
            boolean objected) {}

    public Uni<Page<Announced>> list(String programme, PageRequest page) {
        String where = " FROM application a LEFT JOIN applicant_profile p ON p.credit_code = a.applicant_id"
                + " WHERE a.status IN (?1, ?2)" + (programme == null ? "" : " AND a.programme = ?3");
        return Panache.withSession(() -> Panache.getSession().chain(s -> {
            var count = s.createNativeQuery("SELECT count(*)" + where, Long.class)
                    .setParameter(1, ProcedureState.IN_ANNOUNCEMENT.name())
                    .setParameter(2, ProcedureState.OBJECTION_RAISED.name());
            var rows = s.createNativeQuery(
                            "SELECT a.id, coalesce(p.name, (SELECT g.enterprise_name FROM government_record g"
                                    // an offer's enterprise may have no profile: the name its record gave (ADR 0020)
                                    + " WHERE g.application_id = a.id LIMIT 1), a.applicant_id), a.applicant_id,"
                                    + " a.programme,"
                                    + " (a.procedure::jsonb #>> '{recommendation,amount}')::numeric(15,2),"
                                    + " (a.procedure::jsonb #>> '{announcement,publishedAt}')::timestamptz,"
                                    + " (a.procedure::jsonb #>> '{announcement,closesAt}')::timestamptz,"
                                    + " a.status = ?2"
                                    + where
                                    + " ORDER BY 6 DESC, a.id LIMIT " + page.limit() + " OFFSET " + page.offset(),
                            Object[].class)
                    .setParameter(1, ProcedureState.IN_ANNOUNCEMENT.name())
                    .setParameter(2, ProcedureState.OBJECTION_RAISED.name());
            if (programme != null) {
                count.setParameter(3, programme);
                rows.setParameter(3, programme);
            }
            return count.getSingleResult()
                    .chain(total -> rows.getResultList()
                            .map(list -> new Page<>(
                                    list.stream()
                                            .map(AnnouncementQueries::announced)
                                            .toList(),
                                    total,
                                    page.limit(),
                                    page.offset())));
        }));
    }

    private static Announced announced(Object[] r) {
        return new Announced(
                (UUID) r[0],
                (String) r[1],
                (String) r[2],
                (String) r[3],
                (BigDecimal) r[4],
                offset(r[5]),
                offset(r[6]),
                Boolean.TRUE.equals(r[7]));
    }

    private static OffsetDateTime offset(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime l) {
            return l.atOffset(ZoneOffset.UTC);
        }
        return value == null ? null : OffsetDateTime.parse(value.toString());
    }
}
