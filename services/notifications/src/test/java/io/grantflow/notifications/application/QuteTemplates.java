package io.grantflow.notifications.application;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The notices' renderer outside Quarkus: a Qute engine over the same files ({@code templates/} on the class path). */
final class QuteTemplates {
    private QuteTemplates() {}

    static NoticeRenderer renderer() {
        Engine engine = Engine.builder()
                .addDefaults()
                .strictRendering(true)
                .addLocator(QuteTemplates::locate)
                .build();
        return new NoticeRenderer(engine);
    }

    private static Optional<TemplateLocator.TemplateLocation> locate(String id) {
        String resource = "templates/" + id;
        if (QuteTemplates.class.getClassLoader().getResource(resource) == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                InputStream in = QuteTemplates.class.getClassLoader().getResourceAsStream(resource);
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.empty();
            }
        });
    }
}
