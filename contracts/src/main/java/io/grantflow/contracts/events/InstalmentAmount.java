package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/** One instalment of a staged award: the fiscal year whose budget pays it and its amount. */
public record InstalmentAmount(
        int fiscalYear,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {}
