package io.grantflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/**
 * One stage of a staged award (分年度拨付): the fiscal year offset from the award year and the
 * share of the award it pays, as the catalogue's staging plan says.
 */
public record StageShare(
        int yearOffset,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal share) {}
