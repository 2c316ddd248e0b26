package io.grantflow.eligibility.rest;

import io.grantflow.eligibility.domain.catalogue.FactsSchema;
import io.grantflow.platform.rest.FieldError;
import io.grantflow.platform.rest.Problems;
import io.grantflow.platform.text.Bilingual;
import io.grantflow.platform.validation.TextRules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bounds every fact keeps where no single programme's schema applies (the calculator, an
 * award's facts): a fact name of the catalogue's shape, text of 500 characters, numbers from 0
 * to 10^13 with at most four decimals, lists of 20 short texts.
 */
final class FactInputs {
    static final int MAX_FACTS = 100;

    private FactInputs() {}

    static List<FieldError> check(Map<String, Object> facts, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (facts == null) {
            return errors;
        }
        if (facts.size() > MAX_FACTS) {
            errors.add(
                    new FieldError(path, "TOO_MANY_FACTS", "最多" + MAX_FACTS + "项", "at most " + MAX_FACTS + " facts"));
            return errors;
        }
        facts.forEach((name, value) -> {
            String field = path + "." + Problems.echo(name);
            if (!name.matches("^[a-z][a-z0-9_]{0,63}$")) {
                errors.add(new FieldError(field, "INVALID_FACT", "事实名称格式错误", "malformed fact name"));
            } else if (value instanceof String s) {
                text(field, s, FactsSchema.MAX_TEXT, errors);
            } else if (value instanceof Number n) {
                BigDecimal d = new BigDecimal(n.toString());
                if (d.signum() < 0 || d.compareTo(FactsSchema.MAX_MONEY) > 0) {
                    errors.add(new FieldError(field, "OUT_OF_RANGE", "超出允许范围", "out of the allowed range"));
                } else if (d.stripTrailingZeros().scale() > 4) {
                    errors.add(new FieldError(field, "TOO_PRECISE", "小数位数过多", "too many decimals"));
                }
            } else if (value instanceof List<?> list) {
                if (list.size() > FactsSchema.MAX_LIST) {
                    errors.add(new FieldError(
                            field,
                            "TOO_LONG",
                            "最多" + FactsSchema.MAX_LIST + "项",
                            "at most " + FactsSchema.MAX_LIST + " items"));
                }
                for (int i = 0; i < list.size() && i <= FactsSchema.MAX_LIST; i++) {
                    if (list.get(i) instanceof String s) {
                        text(field + "[" + i + "]", s, FactsSchema.MAX_LIST_ITEM, errors);
                    } else {
                        errors.add(new FieldError(
                                field + "[" + i + "]", "INVALID_FACT", "列表项须为文本", "list items must be text"));
                    }
                }
            } else if (!(value instanceof Boolean)) {
                errors.add(new FieldError(
                        field,
                        "INVALID_FACT",
                        "只接受文本、是/否、数值或文本列表",
                        "only text, true/false, a number or a list of texts"));
            }
        });
        return errors;
    }

    private static void text(String field, String value, int max, List<FieldError> errors) {
        Bilingual problem = TextRules.problem(value, max, false);
        if (problem != null) {
            errors.add(new FieldError(field, "INVALID_FACT", problem));
        }
    }
}
