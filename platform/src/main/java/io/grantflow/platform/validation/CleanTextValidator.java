package io.grantflow.platform.validation;

import io.grantflow.platform.text.Bilingual;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Checks {@link CleanText}; the violation carries what is wrong, in Chinese and English, as a {@link Bilingual}. */
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
        Bilingual problem = TextRules.problem(value, max, multiline);
        if (problem == null) {
            return true;
        }
        // The two texts travel as the violation's payload; the template is only a fallback key.
        HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
        hibernate.disableDefaultConstraintViolation();
        hibernate
                .withDynamicPayload(problem)
                .buildConstraintViolationWithTemplate("{grantflow.text.invalid}")
                .addConstraintViolation();
        return false;
    }
}
