package io.grantflow.budget.rest;

import io.grantflow.budget.application.BudgetCommands;
import io.grantflow.budget.application.LedgerWriter;
import io.grantflow.budget.application.RefusalTexts;
import io.grantflow.budget.domain.AccountKind;
import io.grantflow.budget.domain.LedgerResult;
import io.grantflow.budget.domain.Refusal;
import io.grantflow.budget.domain.Rejection;
import io.grantflow.platform.rest.Problem;
import io.grantflow.platform.rest.ProblemException;
import io.grantflow.platform.rest.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** How the ledger's answers become HTTP: refusals and rejections are problem documents naming why. */
public final class Outcomes {

    /** A rejection as the problem the caller can act on. */
    static ProblemException rejected(LedgerResult.Rejected r) {
        return switch (r.code()) {
            case Rejection.IDEMPOTENCY_CONFLICT,
                    Rejection.ALREADY_RESOLVED,
                    Rejection.BELOW_COMMITTED,
                    Rejection.NOT_EXPIRED -> ProblemException.conflict(r.code(), r.zh(), r.en());
            case Rejection.UNKNOWN_RESERVATION ->
                new ProblemException(404, r.code(), "未找到", "Not found", r.zh(), r.en(), null);
            case Rejection.INVALID ->
                new ProblemException(400, r.code(), "请求参数无效", "Invalid request", r.zh(), r.en(), null);
            default -> ProblemException.unprocessable(r.code(), r.zh(), r.en(), null);
        };
    }

    /** A refused reservation: 422 with the account that would go over its limit, its headroom, and every other. */
    static ProblemException refused(LedgerResult.Refused r) {
        Refusal f = r.refusal();
        String[] text = RefusalTexts.of(f, r.reservation().request().awardYear());
        List<Map<String, Object>> violations =
                r.violations().stream().map(Outcomes::violation).toList();
        ProblemException p = ProblemException.unprocessable(f.code(), text[0], text[1], null)
                .with("reservationId", r.reservation().request().id());
        violation(f).forEach(p::with);
        return p.with("violations", violations);
    }

    private static Map<String, Object> violation(Refusal f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", f.code());
        m.put("account", f.account());
        m.put("unit", f.unit() == AccountKind.Unit.FEN ? "CNY" : "COUNT");
        m.put("headroom", RefusalTexts.decimal(f.unit(), f.headroom()));
        m.put("requested", RefusalTexts.decimal(f.unit(), f.requested()));
        return m;
    }

    @ServerExceptionMapper
    public Response busy(LedgerWriter.BusyException e, UriInfo uri) {
        ProblemException p = new ProblemException(
                503,
                "LEDGER_BUSY",
                "系统繁忙",
                "Busy",
                "账本写入队列已满，请稍后重试",
                "The ledger's queue is full; retry shortly",
                null);
        return Response.status(503)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", "1")
                .entity(p.toBody(Problems.instance(uri.getPath())))
                .build();
    }

    @ServerExceptionMapper
    public Response invalid(BudgetCommands.InvalidCommandException e, UriInfo uri) {
        ProblemException p = ProblemException.badRequest(e.errors());
        return Response.status(400)
                .type(Problem.MEDIA_TYPE)
                .entity(p.toBody(Problems.instance(uri.getPath())))
                .build();
    }
}
