package io.grantflow.eligibility;

import io.grantflow.platform.testing.ArchitectureRules;
import io.grantflow.platform.testing.ConstraintMessages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTest {
    @Test
    void domainIsPlainJavaAndRestAndMessagingGoThroughTheApplicationLayer() {
        ArchitectureRules.check("io.grantflow.eligibility");
    }

    @Test
    void everyConstraintMessageIsACodeOfTheBilingualBundle() {
        assertThat(ConstraintMessages.unknown("io.grantflow.eligibility")).isEmpty();
    }
}
