package io.grantflow.applications.application.procedure;

import io.grantflow.applications.domain.calendar.WorkingDayCalendar;
import io.grantflow.applications.domain.procedure.Procedure;
import io.grantflow.applications.persistence.ProcedureJson;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads a stored procedure (the snapshot of an {@code ApplicationRecord}) for those who show it. */
@ApplicationScoped
public class ProcedureReader {
    private final ProcedureJson codec;
    private final WorkingDayCalendar calendar;

    public ProcedureReader(ProcedureJson codec, WorkingDayCalendar calendar) {
        this.codec = codec;
        this.calendar = calendar;
    }

    public Procedure read(String stored) {
        return Procedure.restore(codec.read(stored), calendar);
    }
}
