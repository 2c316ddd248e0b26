package io.grantflow.applications.application;

import java.time.OffsetDateTime;

/** One status change of an application. */
public record HistoryRecord(String fromStatus, String toStatus, String actor, String note, OffsetDateTime at) {}
