package io.grantflow.notifications.application;

import io.grantflow.contracts.events.ApplicationStatusChangedV1;
import io.grantflow.notifications.domain.NoticeTemplates;
import io.grantflow.platform.catalogue.ProgrammeDirectory;
import io.grantflow.platform.messaging.MessageContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A status change becomes notices: the enterprise's (but for the silent changes,
 * {@link NoticeTemplates#isSilent}), the reviewing departments' where they must act on it (the
 * departments of its programme in the catalogue, and the approving department the event names),
 * and the city approver's where the application waits for the city.
 */
@ApplicationScoped
public class NotifyStatusChange {
    private final WriteNotices writer;
    private final ProgrammeDirectory directory;

    public NotifyStatusChange(WriteNotices writer, ProgrammeDirectory directory) {
        this.writer = writer;
        this.directory = directory;
    }

    /** The causing message's id becomes the notices' source: a second delivery adds nothing. */
    public Uni<Void> inform(ApplicationStatusChangedV1 change, MessageContext context) {
        Set<String> departments = new LinkedHashSet<>();
        directory.find(change.programme()).ifPresent(p -> departments.addAll(p.departments()));
        if (change.department() != null && !change.department().isBlank()) {
            departments.add(change.department());
        }
        var planned = NoticeTemplates.forChange(
                new NoticeTemplates.Change(
                        change.previousStatus(),
                        change.status(),
                        change.command(),
                        change.programme(),
                        change.applicationId().toString(),
                        change.applicantId(),
                        change.amount(),
                        change.reasonZh(),
                        change.reasonEn()),
                departments);
        return writer.write(
                planned, context.causationId(), change.applicationId(), change.status(), change.contactEmail());
    }
}
