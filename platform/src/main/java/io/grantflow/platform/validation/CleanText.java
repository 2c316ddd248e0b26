package io.grantflow.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text a person typed and another will read: at most {@link #max()} characters (code points),
 * no NUL or other control characters (line breaks and tabs only where {@link #multiline()}), no
 * bidirectional overrides, no lone surrogates, and at least one visible character: a text of
 * spaces or zero-width characters is as good as none. Null passes (use {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = CleanTextValidator.class)
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE,
    ElementType.METHOD
})
@Retention(RetentionPolicy.RUNTIME)
public @interface CleanText {
    int max();

    boolean multiline() default false;

    String message() default "{grantflow.text.invalid}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
