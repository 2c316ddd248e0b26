package io.grantflow.notifications;

import io.grantflow.platform.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    @Test
    void domainIsPlainJavaAndRestAndMessagingGoThroughTheApplicationLayer() {
        ArchitectureRules.check("io.grantflow.notifications");
    }
}
