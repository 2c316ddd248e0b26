package io.grantflow.platform.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message bundle keyed by code, for texts that must be written where only a string fits (a
 * Bean Validation annotation's {@code message = "{code}"}). Every module may ship
 * {@value #RESOURCE} with {@code <code>.zh} and {@code <code>.en} entries (UTF-8); all of them
 * on the class path are merged. A code without both languages, or defined twice with different
 * texts, is an error at first use, so a bundle mistake stops the service instead of showing a
 * raw key to a person. {@code {name}} placeholders are filled from the arguments.
 */
public final class Messages {
    public static final String RESOURCE = "META-INF/grantflow/messages.properties";
    private static final Pattern KEY = Pattern.compile("^\\{([A-Za-z0-9._-]+)}$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    private static volatile Map<String, Bilingual> bundle;

    private Messages() {}

    /** The message of {@code code}, its placeholders filled from {@code args}; null when the code is unknown. */
    public static Bilingual find(String code, Map<String, ?> args) {
        Bilingual text = bundle().get(code);
        if (text == null) {
            return null;
        }
        return new Bilingual(fill(text.zh(), args), fill(text.en(), args));
    }

    /** The code a message template names ({@code "{grantflow.required}"} → {@code grantflow.required}), or null. */
    public static String codeOf(String template) {
        if (template == null) {
            return null;
        }
        Matcher m = KEY.matcher(template);
        return m.matches() ? m.group(1) : null;
    }

    public static Set<String> codes() {
        return Collections.unmodifiableSet(bundle().keySet());
    }

    private static String fill(String text, Map<String, ?> args) {
        if (args == null || args.isEmpty() || text.indexOf('{') < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = args.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, Bilingual> bundle() {
        Map<String, Bilingual> loaded = bundle;
        if (loaded == null) {
            synchronized (Messages.class) {
                if (bundle == null) {
                    bundle = load(
                            Thread.currentThread().getContextClassLoader() != null
                                    ? Thread.currentThread().getContextClassLoader()
                                    : Messages.class.getClassLoader());
                }
                loaded = bundle;
            }
        }
        return loaded;
    }

    /** Reads and checks every bundle the class loader sees. */
    public static Map<String, Bilingual> load(ClassLoader loader) {
        Map<String, String> zh = new TreeMap<>();
        Map<String, String> en = new TreeMap<>();
        try {
            Enumeration<URL> urls = loader.getResources(RESOURCE);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                Properties p = new Properties();
                try (InputStream in = url.openStream()) {
                    p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
                for (String key : p.stringPropertyNames()) {
                    String value = p.getProperty(key);
                    Map<String, String> target;
                    String code;
                    if (key.endsWith(".zh")) {
                        target = zh;
                        code = key.substring(0, key.length() - 3);
                    } else if (key.endsWith(".en")) {
                        target = en;
                        code = key.substring(0, key.length() - 3);
                    } else {
                        throw new IllegalStateException(url + ": " + key + " must end in .zh or .en");
                    }
                    if (value.isBlank()) {
                        throw new IllegalStateException(url + ": " + key + " is empty");
                    }
                    String before = target.put(code, value);
                    if (before != null && !before.equals(value)) {
                        throw new IllegalStateException(url + ": " + key + " is defined twice with different texts");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> all = new TreeSet<>(zh.keySet());
        all.addAll(en.keySet());
        Map<String, Bilingual> out = new TreeMap<>();
        for (String code : all) {
            if (!zh.containsKey(code) || !en.containsKey(code)) {
                throw new IllegalStateException(
                        RESOURCE + ": " + code + " needs both " + code + ".zh and " + code + ".en");
            }
            out.put(code, new Bilingual(zh.get(code), en.get(code)));
        }
        return Collections.unmodifiableMap(out);
    }
}
