package dev.reaper.tui.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.googlecode.lanterna.TextColor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThemesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ghost", "synthwave", "nord"})
    void builtInThemesGiveEveryColourThemselves(String name) throws Exception {
        String text;
        try (InputStream in = Themes.class.getResourceAsStream("/dev/reaper/tui/themes/" + name + ".toml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Role r : Role.values()) {
            assertThat(TomlLines.lineOf(text.lines().toList(), r.isSyntax() ? "syntax" : "colors", r.key()))
                    .as("%s defines %s", name, r.key()).isPositive();
        }
        Theme t = new Themes(null).load(name);
        assertThat(t.name()).isEqualTo(name);
        assertThat(t.color(Role.BACKGROUND)).isNotEqualTo(t.color(Role.FOREGROUND));
    }

    @Test
    void aUserThemeMayGiveSomeColoursAndTakesTheRestFromTheDefault() throws Exception {
        Files.writeString(dir.resolve("mine.toml"), "name = \"mine\"\n[colors]\naccent = \"#ff0000\"\n");
        Themes themes = new Themes(dir);
        Theme mine = themes.load("mine");
        assertThat(mine.color(Role.ACCENT)).isEqualTo(new TextColor.RGB(255, 0, 0));
        assertThat(mine.color(Role.BACKGROUND)).isEqualTo(Themes.defaultTheme().color(Role.BACKGROUND));
        assertThat(themes.names()).contains("ghost", "synthwave", "nord", "mine");
    }

    @Test
    void aUserThemeOfTheSameNameWinsOverTheBuiltIn() throws Exception {
        Files.writeString(dir.resolve("nord.toml"), "[colors]\nbackground = \"#010203\"\n");
        assertThat(new Themes(dir).load("nord").color(Role.BACKGROUND)).isEqualTo(new TextColor.RGB(1, 2, 3));
    }

    @Test
    void aBadColourIsReportedWithItsFileAndLine() throws IOException {
        Files.writeString(dir.resolve("bad.toml"), "name = \"bad\"\n\n[colors]\naccent = \"#ff0000\"\nborder = \"grey\"\n");
        assertThatThrownBy(() -> new Themes(dir).load("bad")).isInstanceOf(ThemeException.class)
                .hasMessageContaining("bad.toml line 5").hasMessageContaining("border")
                .hasMessageContaining("#a0b1c2");
    }

    @Test
    void anUnknownColourOrTableIsReportedWithItsLine() throws IOException {
        Files.writeString(dir.resolve("typo.toml"), "[colors]\naccent = \"#ff0000\"\nbackgrund = \"#000000\"\n");
        assertThatThrownBy(() -> new Themes(dir).load("typo")).hasMessageContaining("typo.toml line 3")
                .hasMessageContaining("unknown colour 'backgrund'");
        Files.writeString(dir.resolve("wrongtable.toml"), "[syntax]\naccent = \"#ff0000\"\n");
        assertThatThrownBy(() -> new Themes(dir).load("wrongtable")).hasMessageContaining("line 2")
                .hasMessageContaining("unknown colour 'accent' in [syntax]");
    }

    @Test
    void brokenTomlIsReportedWithItsLine() throws IOException {
        Files.writeString(dir.resolve("broken.toml"), "[colors]\naccent = \"#ff0000\nborder = \"#000000\"\n");
        assertThatThrownBy(() -> new Themes(dir).load("broken")).isInstanceOf(ThemeException.class)
                .hasMessageContaining("broken.toml line 2");
    }

    @Test
    void missingAndOddNamesAreRefused() {
        assertThatThrownBy(() -> new Themes(dir).load("nope")).hasMessageContaining("no theme 'nope'")
                .hasMessageContaining("ghost");
        assertThatThrownBy(() -> new Themes(dir).load("../../etc/passwd")).hasMessageContaining("no theme");
    }
}
