package dev.reaper.config;

import java.nio.file.Path;

/**
 * Where Reaper keeps things. {@code REAPER_HOME} holds everything when set (config.toml at its top,
 * then data/, state/, cache/); otherwise the XDG base directories are used.
 */
public record Paths(Path configDir, Path dataDir, Path stateDir, Path cacheDir) {

    public static Paths from(Env env) {
        var home = env.get("REAPER_HOME");
        if (home.isPresent()) {
            Path h = Path.of(home.get()).toAbsolutePath();
            return new Paths(h, h.resolve("data"), h.resolve("state"), h.resolve("cache"));
        }
        Path userHome = Path.of(env.get("HOME").orElse(System.getProperty("user.home")));
        return new Paths(
                xdg(env, "XDG_CONFIG_HOME", userHome.resolve(".config")).resolve("reaper"),
                xdg(env, "XDG_DATA_HOME", userHome.resolve(".local/share")).resolve("reaper"),
                xdg(env, "XDG_STATE_HOME", userHome.resolve(".local/state")).resolve("reaper"),
                xdg(env, "XDG_CACHE_HOME", userHome.resolve(".cache")).resolve("reaper"));
    }

    private static Path xdg(Env env, String var, Path fallback) {
        return env.get(var).map(Path::of).filter(Path::isAbsolute).orElse(fallback);
    }

    public Path userConfigFile() {
        return configDir.resolve("config.toml");
    }

    public Path sessionsDir() {
        return dataDir.resolve("sessions");
    }

    public Path ledgerFile() {
        return dataDir.resolve("usage.db");
    }

    public Path logFile() {
        return stateDir.resolve("reaper.log");
    }
}
