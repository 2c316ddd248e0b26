package io.grantflow.applications;

import static org.assertj.core.api.Assertions.assertThat;

import io.grantflow.platform.testing.ArchitectureRules;
import io.grantflow.platform.testing.ConstraintMessages;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    @Test
    void domainIsPlainJavaAndRestAndMessagingGoThroughTheApplicationLayer() {
        ArchitectureRules.check("io.grantflow.applications");
    }

    @Test
    void everyConstraintMessageIsACodeOfTheBilingualBundle() {
        assertThat(ConstraintMessages.unknown("io.grantflow.applications")).isEmpty();
    }
}
