package io.grantflow.platform.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grantflow.platform.testing.ConstraintMessages;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessagesTest {
    @Test
    void findsACodeInBothLanguagesAndFillsItsPlaceholders() {
        assertThat(Messages.find("grantflow.text.size", Map.of("max", 254)))
                .isEqualTo(new Bilingual("最多254个字符", "at most 254 characters"));
        assertThat(Messages.find("grantflow.required", null)).isEqualTo(new Bilingual("必填", "required"));
        assertThat(Messages.find("no.such.code", Map.of())).isNull();
    }

    @Test
    void aTemplateNamesACodeOnlyWhenItIsOneKeyInBraces() {
        assertThat(Messages.codeOf("{grantflow.required}")).isEqualTo("grantflow.required");
        assertThat(Messages.codeOf("必填 / required")).isNull();
        assertThat(Messages.codeOf("{a} and {b}")).isNull();
        assertThat(Messages.codeOf(null)).isNull();
    }

    @Test
    void bundlesOfSeveralModulesMerge(@TempDir Path dir) throws Exception {
        ClassLoader loader = loader(dir, "a.zh=甲\na.en=A\n", "b.zh=乙\nb.en=B\na.zh=甲\n");
        assertThat(Messages.load(loader))
                .containsEntry("a", new Bilingual("甲", "A"))
                .containsEntry("b", new Bilingual("乙", "B"));
    }

    @Test
    void aCodeWithoutOneLanguageStopsTheLoad(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Messages.load(loader(dir, "a.zh=甲\n")))
                .hasMessageContaining("a needs both a.zh and a.en");
    }

    @Test
    void aCodeDefinedTwiceWithDifferentTextsStopsTheLoad(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Messages.load(loader(dir, "a.zh=甲\na.en=A\n", "a.zh=丙\n")))
                .hasMessageContaining("a.zh is defined twice");
    }

    @Test
    void aKeyWithoutALanguageStopsTheLoad(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Messages.load(loader(dir, "a=甲\n"))).hasMessageContaining("must end in .zh or .en");
    }

    @Test
    void everyConstraintOfThePlatformNamesACodeOfTheBundle() {
        assertThat(ConstraintMessages.unknown("io.grantflow.platform")).isEmpty();
    }

    private static ClassLoader loader(Path dir, String... bundles) throws Exception {
        URL[] urls = new URL[bundles.length];
        for (int i = 0; i < bundles.length; i++) {
            Path file = dir.resolve("m" + i).resolve(Messages.RESOURCE);
            Files.createDirectories(file.getParent());
            Files.writeString(file, bundles[i], StandardCharsets.UTF_8);
            urls[i] = dir.resolve("m" + i).toUri().toURL();
        }
        return new URLClassLoader(urls, null);
    }
}
