package io.grantflow.applications.rest;

import io.grantflow.applications.domain.procedure.IllegalTransitionException;
import io.grantflow.applications.domain.procedure.ProcedureCommand;
import io.grantflow.applications.domain.procedure.ProcedureException;
import io.grantflow.applications.domain.procedure.ProcedureState;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.ProblemException;
import java.util.List;

/**
 * The procedure's refusals as problem details: 403, 409 or 422 with the domain's code and text.
 * An illegal transition also says where the application stands and what its state allows
 * ({@code currentStatus}, {@code allowedNext}, {@code allowedCommands}).
 */
final class ProcedureProblems {
    private ProcedureProblems() {}

    static ProblemException of(ProcedureException e) {
        List<FieldError> errors = e.field() == null
                ? null
                : List.of(new FieldError(
                        e.field(), e.code(), e.text().zh(), e.text().en()));
        ProblemException problem = switch (e.kind()) {
            case FORBIDDEN ->
                ProblemException.forbidden(e.code(), e.text().zh(), e.text().en());
            case CONFLICT ->
                ProblemException.conflict(e.code(), e.text().zh(), e.text().en());
            case UNPROCESSABLE ->
                ProblemException.unprocessable(e.code(), e.text().zh(), e.text().en(), errors);
        };
        if (e instanceof IllegalTransitionException illegal) {
            problem.with("currentStatus", illegal.current().name())
                    .with("command", illegal.command().code())
                    .with(
                            "allowedNext",
                            illegal.allowedNext().stream()
                                    .map(ProcedureState::name)
                                    .toList())
                    .with(
                            "allowedCommands",
                            illegal.allowedCommands().stream()
                                    .map(ProcedureCommand::code)
                                    .toList());
        }
        return problem;
    }
}
