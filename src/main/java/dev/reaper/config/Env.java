package dev.reaper.config;

import java.util.Map;
import java.util.Optional;

/** The process environment, injectable so tests (and in-process runs) can give their own. */
public record Env(Map<String, String> vars) {

    public Env {
        vars = Map.copyOf(vars);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    /** A variable's value, empty when unset or blank. */
    public Optional<String> get(String name) {
        String v = vars.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }
}
