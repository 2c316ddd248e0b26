package io.grantflow.notifications.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grantflow.notifications.application.NoticeStream;
import io.grantflow.notifications.domain.Recipient;
import io.grantflow.platform.openapi.ProblemResponses;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.QueryParams;
import io.grantflow.platform.security.Caller;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's notices as they come, as server-sent events (event {@code notice}, id the notice's
 * id, data the notice as the inbox lists it). A client that reconnects sends the last id it got
 * as {@code Last-Event-ID} and is sent every later notice first (a client more than
 * {@link NoticeStream#REPLAY_LIMIT} behind gets that many and the stream ends, to be resumed
 * again). A comment every 15 s keeps proxies from closing a quiet stream.
 */
@Path("/notices/stream")
@Tag(name = "notices", description = "消息中心 / Inbox")
@ApplicationScoped
public class NoticeStreamResource {
    private final NoticeStream stream;
    private final Caller caller;
    private final ObjectMapper json;
    private final Set<Open> open = ConcurrentHashMap.newKeySet();

    record Open(NoticeStream.Subscriber subscriber, SseEventSink sink, Sse sse) {}

    public NoticeStreamResource(NoticeStream stream, Caller caller, ObjectMapper json) {
        this.stream = stream;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Caller.ENTERPRISE, Caller.REVIEWER, Caller.FINANCE, Caller.CITY_APPROVER})
    @Operation(
            operationId = "streamMyNotices",
            summary = "My notices as they come (server-sent events), resumed after Last-Event-ID / 实时消息")
    @APIResponse(
            responseCode = "200",
            description = "事件流：event notice，id 为消息编号 / the stream: event notice, id the notice's id",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT_REF)
    public void stream(
            @HeaderParam("Last-Event-ID")
                    @Parameter(
                            description =
                                    "上次收到的消息编号，其后的消息先补发 / the last notice received: every later one is sent first",
                            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    String lastEventId,
            @QueryParam("follow")
                    @DefaultValue("true")
                    @Parameter(description = "false：补发后即关闭（轮询客户端）/ false: close after the replay (polling clients)")
                    boolean follow,
            @Context SseEventSink sink,
            @Context Sse sse)
            throws SQLException {
        UUID last = QueryParams.uuid("Last-Event-ID", lastEventId);
        Recipient recipient = Inboxes.of(caller);
        if (follow && stream.open(recipient) >= stream.maxPerRecipient()) {
            throw ProblemException.conflict(
                    "TOO_MANY_STREAMS",
                    "实时消息连接过多（上限 " + stream.maxPerRecipient() + "）",
                    "Too many open streams (at most " + stream.maxPerRecipient() + ")");
        }
        AtomicReference<CompletionStage<?>> sent = new AtomicReference<>(CompletableFuture.completedFuture(null));
        NoticeStream.Subscriber subscriber = stream.subscribe(recipient, last, item -> {
            if (sink.isClosed()) {
                throw new IllegalStateException("stream closed");
            }
            sent.set(sink.send(event(sse, item)));
        });
        if (!follow || subscriber.truncated()) {
            stream.unsubscribe(subscriber);
            // closed once the replay is out
            sent.get().whenComplete((ok, error) -> sink.close());
            return;
        }
        open.add(new Open(subscriber, sink, sse));
    }

    private OutboundSseEvent event(Sse sse, NoticeStream.Item item) {
        try {
            return sse.newEventBuilder()
                    .id(item.id().toString())
                    .name("notice")
                    // the JSON as text: written as it is, not encoded again
                    .mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(String.class, json.writeValueAsString(item.notice()))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A comment on every open stream; a closed one is let go. */
    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "notice-heartbeat")
    void heartbeat() {
        for (Open o : open) {
            if (o.sink().isClosed() || o.subscriber().closed()) {
                stream.unsubscribe(o.subscriber());
                open.remove(o);
                continue;
            }
            o.sink()
                    .send(o.sse().newEventBuilder().comment("keep-alive").build())
                    .whenComplete((ok, error) -> {
                        if (error != null) {
                            stream.unsubscribe(o.subscriber());
                            open.remove(o);
                        }
                    });
        }
    }
}
