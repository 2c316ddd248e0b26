package io.grantflow.platform.worker;

import io.grantflow.platform.rest.ProblemException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** A service's row workers by name, for operators: what each has parked, and unparking a row. */
public final class RowWorkers {
    private static final Logger LOG = Logger.getLogger(RowWorkers.class);

    private final Map<String, RowWorker> byName = new LinkedHashMap<>();

    public RowWorkers(RowWorker... workers) {
        for (RowWorker w : workers) {
            if (byName.put(w.worker(), w) != null) {
                throw new IllegalArgumentException("two workers named " + w.worker());
            }
        }
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public RowWorker.ParkedPage parked(String worker, int limit, int offset) throws SQLException {
        return worker(worker).parked(limit, offset);
    }

    /** Unparks a row (404 when the worker has no such parked row), logged with the operator. */
    public void unpark(String worker, UUID id, String operator) throws SQLException {
        if (!worker(worker).unpark(id)) {
            throw ProblemException.notFound("停放的记录", "parked row", id.toString());
        }
        LOG.infof("%s: row %s unparked by %s", worker, id, operator);
    }

    private RowWorker worker(String name) {
        RowWorker w = name == null ? null : byName.get(name);
        if (w == null) {
            throw ProblemException.invalidField(
                    "worker",
                    "UNKNOWN_WORKER",
                    "可选：" + String.join("、", names()),
                    "one of " + String.join(", ", names()));
        }
        return w;
    }
}
