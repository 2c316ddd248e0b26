package io.grantflow.notifications.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A notice in an applicant's inbox (table {@code notice}). */
@Entity
@Table(name = "notice")
public class NoticeEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "recipient_id")
    public String recipientId;

    @Column(name = "application_id")
    public UUID applicationId;

    public String status;

    @Column(name = "title_zh")
    public String titleZh;

    @Column(name = "title_en")
    public String titleEn;

    @Column(name = "body_zh")
    public String bodyZh;

    @Column(name = "body_en")
    public String bodyEn;

    @Column(name = "source_event_id")
    public String sourceEventId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "read_at")
    public OffsetDateTime readAt;
}
