package io.grantflow.platform.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link CleanText}; the message names what is wrong, in Chinese and English. */
public class CleanTextValidator implements ConstraintValidator<CleanText, String> {
    private int max;
    private boolean multiline;

    @Override
    public void initialize(CleanText annotation) {
        max = annotation.max();
        multiline = annotation.multiline();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String problem = TextRules.problem(value, max, multiline);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("$", "\\$"))
                .addConstraintViolation();
        return false;
    }
}
