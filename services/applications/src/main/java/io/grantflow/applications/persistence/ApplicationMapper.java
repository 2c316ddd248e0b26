package io.grantflow.applications.persistence;

import io.grantflow.applications.domain.Application;
import io.grantflow.applications.domain.ApplicationStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Copies between the domain aggregate and its row; the row keeps what the domain does not need. */
public final class ApplicationMapper {
    private ApplicationMapper() {}

    public static Application toDomain(ApplicationEntity row) {
        return new Application(
                row.id,
                row.applicantId,
                row.programme,
                ApplicationStatus.valueOf(row.status),
                row.ceiling,
                row.department,
                row.approvedAmount,
                row.paidAmount,
                row.reservationId,
                row.reasonZh,
                row.reasonEn,
                row.updatedAt.toInstant());
    }

    public static void copy(Application app, ApplicationEntity row) {
        row.status = app.status().name();
        row.ceiling = app.ceiling();
        row.department = app.department();
        row.approvedAmount = app.approvedAmount();
        row.paidAmount = app.paidAmount();
        row.reservationId = app.reservationId();
        row.reasonZh = app.reasonZh();
        row.reasonEn = app.reasonEn();
        row.updatedAt = OffsetDateTime.ofInstant(app.updatedAt(), ZoneOffset.UTC);
    }
}
