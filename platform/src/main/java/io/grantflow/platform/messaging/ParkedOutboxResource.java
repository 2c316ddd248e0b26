package io.grantflow.platform.messaging;

import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.QueryParams;
import io.grantflow.platform.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Operators see the outbox rows the relay has parked and send one again; in every service,
 * through the platform's index. Blocking JDBC on a worker thread, like the relay.
 */
@Path("/outbox/parked")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "outbox", description = "发件箱停放消息 / Parked outbox messages")
public class ParkedOutboxResource {
    /** Their operationIds; each service's document names the service in them (OpenApiConventions). */
    public static final String LIST_OPERATION = "listParkedMessages";

    public static final String RETRY_OPERATION = "retryParkedMessage";
    private static final Logger LOG = Logger.getLogger(ParkedOutboxResource.class);
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;
    private static final String PARKED = "published_at IS NULL AND parked_at IS NOT NULL";

    private final DataSource dataSource;
    private final Caller caller;

    public ParkedOutboxResource(DataSource dataSource, Caller caller) {
        this.dataSource = dataSource;
        this.caller = caller;
    }

    /** A parked row as operators see it: what and why, never the payload. */
    public record ParkedMessage(
            UUID id,
            long seq,
            String topic,
            String key,
            String type,
            int attempts,
            String lastError,
            OffsetDateTime createdAt,
            OffsetDateTime parkedAt,
            long payloadBytes) {}

    /** One page of parked rows, in seq order. */
    public record ParkedPage(List<ParkedMessage> items, long total, int limit, int offset) {}

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
    @Operation(operationId = LIST_OPERATION, summary = "Outbox messages the relay has parked / 发件箱中已停放的消息")
    @APIResponse(responseCode = "200", description = "一页停放的消息，按序号排列 / a page of parked messages, in sequence order")
    public ParkedPage list(
            // read as text and converted here (400 naming the parameter), documented as what it must be
            @Parameter(
                            description = "每页条数，1–200，默认50 / page size, 1–200, default 50",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "200"))
                    @QueryParam("limit")
                    String limitParam,
            @Parameter(
                            description = "跳过的条数，默认0 / rows to skip, default 0",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0"))
                    @QueryParam("offset")
                    String offsetParam)
            throws SQLException {
        Integer limit = QueryParams.integer("limit", limitParam);
        Integer offset = QueryParams.integer("offset", offsetParam);
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ProblemException.invalidField(
                    "limit",
                    "INVALID_PARAMETER",
                    "须为1到" + MAX_LIMIT + "之间的整数",
                    "must be a whole number from 1 to " + MAX_LIMIT);
        }
        if (offset != null && offset < 0) {
            throw ProblemException.invalidField(
                    "offset", "INVALID_PARAMETER", "须为非负整数", "must be a whole number, 0 or more");
        }
        int l = limit == null ? DEFAULT_LIMIT : limit;
        int o = offset == null ? 0 : offset;
        try (Connection c = dataSource.getConnection()) {
            List<ParkedMessage> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, seq, topic, message_key, ce_type, attempts, last_error, created_at, parked_at,
                           octet_length(payload) AS payload_bytes
                      FROM outbox_message WHERE %s ORDER BY seq LIMIT ? OFFSET ?""".formatted(PARKED))) {
                s.setInt(1, l);
                s.setInt(2, o);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        items.add(new ParkedMessage(
                                r.getObject("id", UUID.class),
                                r.getLong("seq"),
                                r.getString("topic"),
                                r.getString("message_key"),
                                r.getString("ce_type"),
                                r.getInt("attempts"),
                                r.getString("last_error"),
                                r.getObject("created_at", OffsetDateTime.class),
                                r.getObject("parked_at", OffsetDateTime.class),
                                r.getLong("payload_bytes")));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox_message WHERE " + PARKED);
                    ResultSet r = s.executeQuery()) {
                r.next();
                return new ParkedPage(items, r.getLong(1), l, o);
            }
        }
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed({Caller.OPERATOR, Caller.ADMIN})
    @Operation(
            operationId = RETRY_OPERATION,
            summary = "Unpark a message: the relay sends it at its next pass / 解除停放，立即重发")
    @APIResponse(responseCode = "204", description = "已解除停放 / unparked")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND_REF)
    public void retry(
            @Parameter(
                            description = "消息编号（ce_id） / the message id (ce_id)",
                            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    @PathParam("id")
                    String idParam)
            throws SQLException {
        // A String, parsed here: a malformed id is the caller's mistake (400), not a missing row (404).
        UUID id = QueryParams.uuid("id", idParam);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE outbox_message SET parked_at = NULL, next_attempt_at = now() WHERE id = ? AND "
                                + PARKED)) {
            s.setObject(1, id);
            if (s.executeUpdate() == 0) {
                throw ProblemException.notFound("停放的消息", "parked message", idParam);
            }
        }
        LOG.infof("outbox row %s unparked by %s", id, caller.name());
    }
}
