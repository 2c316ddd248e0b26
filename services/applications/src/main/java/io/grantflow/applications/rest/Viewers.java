package io.grantflow.applications.rest;

import io.grantflow.applications.application.Viewer;
import io.grantflow.platform.security.Caller;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The caller as the application layer sees it. */
final class Viewers {
    private Viewers() {}

    static Viewer of(Caller caller) {
        Set<String> roles = Stream.of(
                        Caller.ENTERPRISE,
                        Caller.REVIEWER,
                        Caller.CITY_APPROVER,
                        Caller.FINANCE,
                        Caller.OPERATOR,
                        Caller.ADMIN)
                .filter(caller::hasRole)
                .collect(Collectors.toSet());
        return new Viewer(
                caller.name(),
                roles,
                caller.enterpriseId().orElse(null),
                caller.department().orElse(null));
    }
}
