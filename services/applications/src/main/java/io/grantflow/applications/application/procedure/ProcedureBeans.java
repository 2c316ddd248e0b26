package io.grantflow.applications.application.procedure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.applications.application.WorkingCalendars;
import io.grantflow.applications.domain.calendar.WorkingDayCalendar;
import io.grantflow.applications.persistence.ProcedureJson;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The calendar the service ships (read and checked once, at start) and the snapshot's JSON codec. */
public class ProcedureBeans {
    @Produces
    @Singleton
    WorkingDayCalendar calendar() {
        return WorkingCalendars.shipped();
    }

    @Produces
    @Singleton
    ProcedureJson procedureJson(ObjectMapper json) {
        return new ProcedureJson(json);
    }
}
