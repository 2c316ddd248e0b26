package io.grantflow.applications.domain.call;

import io.grantflow.platform.text.Bilingual;
import java.math.BigDecimal;
import java.util.Objects;

/** One scoring criterion of a call (评审指标): its code, its name and its weight in per cent. */
public record Criterion(String code, Bilingual name, BigDecimal weight) {
    public static final String CODE_PATTERN = "^[a-z][a-z0-9_]{0,31}$";

    public Criterion {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(weight, "weight");
    }
}
