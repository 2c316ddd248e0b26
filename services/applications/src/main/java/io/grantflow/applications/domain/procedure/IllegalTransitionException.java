package io.grantflow.applications.domain.procedure;

import io.grantflow.platform.text.Bilingual;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A command the current state does not accept (409 {@code ILLEGAL_TRANSITION}): carries the
 * current state, the command, and what the state does allow (next states and commands), so the
 * answer tells the caller where the application stands.
 */
public final class IllegalTransitionException extends ProcedureException {
    public static final String CODE = "ILLEGAL_TRANSITION";

    private final ProcedureState current;
    private final ProcedureCommand command;

    public IllegalTransitionException(ProcedureState current, ProcedureCommand command) {
        super(Kind.CONFLICT, CODE, "status", text(current, command));
        this.current = current;
        this.command = command;
    }

    public ProcedureState current() {
        return current;
    }

    public ProcedureCommand command() {
        return command;
    }

    public Set<ProcedureState> allowedNext() {
        return current.next();
    }

    public Set<ProcedureCommand> allowedCommands() {
        return current.commands();
    }

    private static Bilingual text(ProcedureState current, ProcedureCommand command) {
        String next = current.next().stream().map(ProcedureState::code).collect(Collectors.joining(", "));
        String nextZh = current.next().stream().map(s -> s.label().zh()).collect(Collectors.joining("、"));
        return Bilingual.of(
                "申请当前状态为“" + current.label().zh() + "”，不能执行 " + command
                        + (next.isEmpty() ? "；该状态已办结" : "；可转入：" + nextZh),
                "The application is " + current.code() + "; " + command + " is not accepted"
                        + (next.isEmpty() ? " (a final state)" : "; it may move to: " + next));
    }
}
