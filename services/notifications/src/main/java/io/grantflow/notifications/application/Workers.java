package io.grantflow.notifications.application;

import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.worker.RowWorker;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The service's row workers, for operators: what each has parked, and unparking a row. */
@ApplicationScoped
public class Workers {
    private static final Logger LOG = Logger.getLogger(Workers.class);
    public static final List<String> NAMES = List.of(MailSender.WORKER, WebhookSender.WORKER);

    private final MailSender mail;
    private final WebhookSender webhooks;

    public Workers(MailSender mail, WebhookSender webhooks) {
        this.mail = mail;
        this.webhooks = webhooks;
    }

    public RowWorker.ParkedPage parked(String worker, int limit, int offset) throws SQLException {
        return worker(worker).parked(limit, offset);
    }

    public void unpark(String worker, UUID id, String operator) throws SQLException {
        if (!worker(worker).unpark(id)) {
            throw ProblemException.notFound("停放的记录", "parked row", id.toString());
        }
        LOG.infof("%s: row %s unparked by %s", worker, id, operator);
    }

    private RowWorker worker(String name) {
        if (MailSender.WORKER.equals(name)) {
            return mail.worker();
        }
        if (WebhookSender.WORKER.equals(name)) {
            return webhooks.worker();
        }
        throw ProblemException.invalidField(
                "worker", "UNKNOWN_WORKER", "可选：" + String.join("、", NAMES), "one of " + String.join(", ", NAMES));
    }
}
