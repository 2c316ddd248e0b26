package io.grantflow.applications.application.offer;

import io.grantflow.applications.persistence.RecordImportEntity;
import io.grantflow.platform.rest.Page;
import io.grantflow.platform.rest.PageRequest;
import io.grantflow.platform.rest.Pages;
import io.grantflow.platform.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Past imports of government records (免申即享, ADR 0020) as their readers may see them: an agency
 * (or reviewer) those of its own department, operators and admins all. Another department's
 * import does not exist for it (404).
 */
@ApplicationScoped
public class RecordImportQueries {

    /** One import: who sent it, its totals, and (one import read alone) where its offers stand now. */
    public record ImportSummary(
            UUID id,
            String importedBy,
            String department,
            String format,
            int records,
            int created,
            int duplicates,
            int refused,
            OffsetDateTime importedAt,
            Map<String, Long> offersByStatus) {}

    /** A page of imports, newest first; {@code department} null: every department's. */
    public Uni<Page<ImportSummary>> list(String department, PageRequest page) {
        return Panache.withSession(() -> Pages.of(
                department == null
                        ? RecordImportEntity.<RecordImportEntity>findAll(
                                Sort.descending("importedAt").and("id"))
                        : RecordImportEntity.<RecordImportEntity>find(
                                "department", Sort.descending("importedAt").and("id"), department),
                page,
                r -> summary(r, null)));
    }

    /** One import with the count of its offers in each state; {@code department} null: any department's. */
    public Uni<ImportSummary> get(UUID id, String department) {
        return Panache.withSession(() -> RecordImportEntity.<RecordImportEntity>findById(id)
                .chain(row -> {
                    if (row == null || (department != null && !department.equals(row.department))) {
                        throw ProblemException.notFound("导入", "record import", id.toString());
                    }
                    return Panache.getSession()
                            .chain(s -> s.createNativeQuery(
                                            "SELECT a.status, count(*) FROM government_record g"
                                                    + " JOIN application a ON a.id = g.application_id"
                                                    + " WHERE g.import_id = ?1 GROUP BY a.status ORDER BY a.status",
                                            Object[].class)
                                    .setParameter(1, id)
                                    .getResultList())
                            .map(rows -> summary(row, byStatus(rows)));
                }));
    }

    private static Map<String, Long> byStatus(List<Object[]> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] r : rows) {
            counts.put((String) r[0], ((Number) r[1]).longValue());
        }
        return counts;
    }

    private static ImportSummary summary(RecordImportEntity r, Map<String, Long> offers) {
        return new ImportSummary(
                r.id,
                r.importedBy,
                r.department,
                r.format,
                r.records,
                r.created,
                r.duplicates,
                r.refused,
                r.importedAt,
                offers);
    }
}
