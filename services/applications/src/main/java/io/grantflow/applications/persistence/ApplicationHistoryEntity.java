package io.grantflow.applications.persistence;

import io.grantflow.platform.text.Bilingual;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One status change of an application (table {@code application_history}). */
@Entity
@Table(name = "application_history")
public class ApplicationHistoryEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "application_id")
    public UUID applicationId;

    @Column(name = "from_status")
    public String fromStatus;

    @Column(name = "to_status")
    public String toStatus;

    /** The procedure's command (lower case); null for a line of the first flow. */
    public String command;

    public String actor;
    public String note;

    @Column(name = "note_en")
    public String noteEn;

    public OffsetDateTime at;

    /**
     * A line of the application that leaves it where it stands (from and to its status): what
     * another service told of it, a note in both languages.
     */
    public static ApplicationHistoryEntity note(
            UUID applicationId, String status, String command, String actor, Bilingual note, OffsetDateTime at) {
        ApplicationHistoryEntity line = new ApplicationHistoryEntity();
        line.applicationId = applicationId;
        line.fromStatus = status;
        line.toStatus = status;
        line.command = command;
        line.actor = actor;
        line.note = note.zh();
        line.noteEn = note.en();
        line.at = at;
        return line;
    }
}
