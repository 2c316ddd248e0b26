package io.grantflow.eligibility;

import io.grantflow.platform.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    @Test
    void domainIsPlainJavaAndRestAndMessagingGoThroughTheApplicationLayer() {
        ArchitectureRules.check("io.grantflow.eligibility");
    }
}
