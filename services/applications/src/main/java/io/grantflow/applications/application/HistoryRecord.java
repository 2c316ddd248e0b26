package io.grantflow.applications.application;

import java.time.OffsetDateTime;

/** One status change of an application, its note in Chinese and English (English null on lines older than V13). */
public record HistoryRecord(
        String fromStatus, String toStatus, String actor, String note, String noteEn, OffsetDateTime at) {}
