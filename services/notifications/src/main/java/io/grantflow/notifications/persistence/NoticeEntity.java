package io.grantflow.notifications.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A notice in a recipient's inbox (table {@code notice}). */
@Entity
@Table(name = "notice")
public class NoticeEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    /** ENTERPRISE, DEPARTMENT, FINANCE or CITY (domain Recipient.Kind). */
    @Column(name = "recipient_kind")
    public String recipientKind;

    @Column(name = "recipient_id")
    public String recipientId;

    @Column(name = "event_type")
    public String eventType;

    public String template;

    /** Shown in the inbox (the recipient's preferences). */
    @Column(name = "in_inbox")
    public boolean inInbox;

    /** Sent on the live stream (the recipient's preferences). */
    public boolean live;

    /** The live stream's order, given after commit (NoticeStream); null until then. */
    @Column(name = "stream_seq")
    public Long streamSeq;

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
