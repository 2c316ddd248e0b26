package io.grantflow.notifications.application;

import io.grantflow.notifications.domain.NoticeTemplates;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Renders a planned notice from its Qute templates: {@code templates/notices/<path>.zh.txt} and
 * {@code .en.txt}, each with a {@code title} and a {@code body} fragment. Plain text (no HTML
 * escaping): the inbox and the mail show it as text. A value is printed as it is, never read as
 * a template.
 */
@ApplicationScoped
public class NoticeRenderer {
    static final String ROOT = "notices/";
    static final String SUFFIX = ".txt";

    private final Engine engine;

    public NoticeRenderer(Engine engine) {
        this.engine = engine;
    }

    /** Whether both languages of a template exist. */
    public boolean exists(String path) {
        return engine.getTemplate(id(path, "zh")) != null && engine.getTemplate(id(path, "en")) != null;
    }

    public NoticeTemplates.Text render(String path, Map<String, Object> values) {
        Template zh = template(path, "zh");
        Template en = template(path, "en");
        return new NoticeTemplates.Text(
                part(zh, "title", values),
                part(en, "title", values),
                part(zh, "body", values),
                part(en, "body", values));
    }

    private Template template(String path, String language) {
        Template t = engine.getTemplate(id(path, language));
        if (t == null) {
            throw new IllegalStateException("no notice template " + id(path, language));
        }
        return t;
    }

    private static String id(String path, String language) {
        return ROOT + path + "." + language + SUFFIX;
    }

    private static String part(Template template, String fragment, Map<String, Object> values) {
        Template.Fragment f = template.getFragment(fragment);
        if (f == null) {
            throw new IllegalStateException("notice template " + template.getId() + " has no fragment " + fragment);
        }
        var instance = f.instance();
        values.forEach(instance::data);
        return instance.render().strip();
    }
}
