package dev.reaper.testing;

import dev.reaper.cli.Launch;
import dev.reaper.cli.Main;
import dev.reaper.config.Env;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the whole CLI in-process with its own environment, directory and stdin, capturing its output. */
public final class CliRun {

    public record Result(int exitCode, String out, String err) {}

    private final Map<String, String> env = new HashMap<>();
    private Path cwd;
    private String stdin;
    private boolean stdinIsTerminal = true;

    public CliRun(Path home, Path cwd) {
        this.cwd = cwd;
        env.put("REAPER_HOME", home.toString());
        env.put("HOME", home.toString());
        env.put("PATH", System.getenv("PATH"));
        env.put("NO_COLOR", "1");
    }

    public CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public CliRun stdin(String text) {
        this.stdin = text;
        this.stdinIsTerminal = false;
        return this;
    }

    /** Lines typed at a terminal: stdin counts as one, so the session is interactive (line by line). */
    public CliRun typed(String text) {
        this.stdin = text;
        this.stdinIsTerminal = true;
        return this;
    }

    public CliRun cwd(Path dir) {
        this.cwd = dir;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        byte[] in = stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8);
        Launch launch = new Launch(new Env(env), cwd, new ByteArrayInputStream(in), stdinIsTerminal,
                new PrintWriter(out), new PrintWriter(err), false, false);
        int code = Main.run(launch, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Points a provider at the fake: its base URL variable and a key. */
    public CliRun provider(String provider, FakeProvider fake) {
        switch (provider) {
            case "anthropic" -> env("ANTHROPIC_BASE_URL", fake.baseUrl()).env("ANTHROPIC_API_KEY", "sk-ant-test-key-000001");
            case "openai" -> env("OPENAI_BASE_URL", fake.baseUrl() + "/v1").env("OPENAI_API_KEY", "sk-test-openai-key-0000001");
            case "google" -> env("GOOGLE_GEMINI_BASE_URL", fake.baseUrl()).env("GEMINI_API_KEY", "AIzaFakeKeyForTests0000000000000000000");
            case "ollama" -> env("OLLAMA_HOST", fake.baseUrl());
            default -> throw new IllegalArgumentException(provider);
        }
        return this;
    }

    public static String model(String provider) {
        return switch (provider) {
            case "anthropic" -> "anthropic/claude-sonnet-4-5";
            case "openai" -> "openai/gpt-5";
            case "google" -> "google/gemini-2.5-pro";
            case "ollama" -> "ollama/qwen2.5-coder:7b";
            default -> throw new IllegalArgumentException(provider);
        };
    }
}
