package io.grantflow.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.platform.text.Bilingual;
import io.grantflow.platform.validation.CleanText;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A refused field reads in Chinese and English, whichever way its constraint names the message. */
class ConstraintViolationMessageTest {
    private static ValidatorFactory factory;
    private static Validator validator;

    record Form(
            @NotNull(message = "{grantflow.required}") String name,
            @CleanText(max = 5) String note,
            @Size(max = 2) List<String> tags,

            @Size(max = 3, message = "{grantflow.text.size}")
            String code) {}

    @BeforeAll
    static void start() {
        factory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    @Test
    void aBundleCodeIsLookedUp() {
        assertThat(message(new Form(null, null, null, null), "name")).isEqualTo(new Bilingual("必填", "required"));
    }

    @Test
    void theConstraintsAttributesFillTheMessage() {
        assertThat(message(new Form("x", null, null, "abcd"), "code"))
                .isEqualTo(new Bilingual("最多3个字符", "at most 3 characters"));
    }

    @Test
    void aStandardConstraintWithoutAMessageStillReadsInBothLanguages() {
        assertThat(message(new Form("x", null, List.of("a", "b", "c"), null), "tags"))
                .isEqualTo(new Bilingual("长度或数量须在0到2之间", "size must be between 0 and 2"));
    }

    @Test
    void cleanTextSaysWhatIsWrongInBothLanguages() {
        assertThat(message(new Form("x", "abcdef", null, null), "note"))
                .isEqualTo(new Bilingual("最多5个字符", "at most 5 characters"));
        assertThat(message(new Form("x", "a\u202Eb", null, null), "note"))
                .isEqualTo(new Bilingual("不得包含文字方向控制字符", "must not contain bidirectional control characters"));
    }

    private static Bilingual message(Form form, String property) {
        Set<ConstraintViolation<Form>> violations = validator.validate(form);
        ConstraintViolation<Form> v = violations.stream()
                .filter(c -> c.getPropertyPath().toString().equals(property))
                .findFirst()
                .orElseThrow();
        return ProblemMappers.message(v);
    }
}
