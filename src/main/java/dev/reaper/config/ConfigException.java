package dev.reaper.config;

/** Configuration Reaper cannot use. The message names the file, the line or key, and what to write instead. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
