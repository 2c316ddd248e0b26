package io.grantflow.platform.text;

import java.util.Objects;

/**
 * A text a person reads, in Chinese and in English, kept as two parts from where it is written
 * to where it is shown, so nothing has to split a joined string again.
 */
public record Bilingual(String zh, String en) {
    public Bilingual {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    public static Bilingual of(String zh, String en) {
        return new Bilingual(zh, en);
    }

    /** For display only (a log line, a title): "中文 / English". Never parsed back. */
    public String joined() {
        return zh + " / " + en;
    }
}
