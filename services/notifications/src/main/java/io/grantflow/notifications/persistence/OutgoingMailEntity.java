package io.grantflow.notifications.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An e-mail waiting to be sent, or sent (table {@code outgoing_mail}). */
@Entity
@Table(name = "outgoing_mail")
public class OutgoingMailEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "notice_id")
    public UUID noticeId;

    @Column(name = "to_address")
    public String toAddress;

    public String subject;
    public String body;
    public String status;
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    /** The row worker's columns (RowWorker): when it is due, and when its retries began. */
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "window_start")
    public OffsetDateTime windowStart;

    @Column(name = "parked_at")
    public OffsetDateTime parkedAt;

    /** Derived from (event, recipient, channel): the same on every send (MailIdentity). */
    @Column(name = "message_id")
    public String messageId;

    /** When a send began and was not yet recorded: the mailbox is checked before sending again. */
    @Column(name = "send_started_at")
    public OffsetDateTime sendStartedAt;
}
