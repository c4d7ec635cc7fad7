package dev.reaper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathsTest {

    @Test
    void reaperHomeHoldsEverything() {
        Paths p = Paths.from(new Env(Map.of("REAPER_HOME", "/srv/reaper", "HOME", "/home/u",
                "XDG_CONFIG_HOME", "/xdg/config")));

        assertThat(p).isEqualTo(new Paths(Path.of("/srv/reaper"), Path.of("/srv/reaper/data"),
                Path.of("/srv/reaper/state"), Path.of("/srv/reaper/cache")));
        assertThat(p.userConfigFile()).isEqualTo(Path.of("/srv/reaper/config.toml"));
        assertThat(p.sessionsDir()).isEqualTo(Path.of("/srv/reaper/data/sessions"));
        assertThat(p.ledgerFile()).isEqualTo(Path.of("/srv/reaper/data/usage.db"));
        assertThat(p.logFile()).isEqualTo(Path.of("/srv/reaper/state/reaper.log"));
    }

    @Test
    void aRelativeReaperHomeIsMadeAbsolute() {
        Paths p = Paths.from(new Env(Map.of("REAPER_HOME", "rh", "HOME", "/home/u")));

        assertThat(p.configDir()).isEqualTo(Path.of("rh").toAbsolutePath());
    }

    @Test
    void xdgVariablesPlaceEachKindOfFile() {
        Paths p = Paths.from(new Env(Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", "/c", "XDG_DATA_HOME", "/d",
                "XDG_STATE_HOME", "/s", "XDG_CACHE_HOME", "/k")));

        assertThat(p).isEqualTo(new Paths(Path.of("/c/reaper"), Path.of("/d/reaper"), Path.of("/s/reaper"),
                Path.of("/k/reaper")));
    }

    @Test
    void withoutVariablesTheXdgDefaultsUnderHomeAreUsed() {
        Paths p = Paths.from(new Env(Map.of("HOME", "/home/u")));

        assertThat(p).isEqualTo(new Paths(Path.of("/home/u/.config/reaper"), Path.of("/home/u/.local/share/reaper"),
                Path.of("/home/u/.local/state/reaper"), Path.of("/home/u/.cache/reaper")));
    }

    @Test
    void relativeOrBlankXdgVariablesAreIgnoredAsTheSpecSays() {
        Paths p = Paths.from(new Env(Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", "relative/config",
                "XDG_DATA_HOME", "  ", "REAPER_HOME", "")));

        assertThat(p.configDir()).isEqualTo(Path.of("/home/u/.config/reaper"));
        assertThat(p.dataDir()).isEqualTo(Path.of("/home/u/.local/share/reaper"));
    }
}
