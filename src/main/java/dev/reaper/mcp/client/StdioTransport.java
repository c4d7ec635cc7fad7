package dev.reaper.mcp.client;

import dev.reaper.process.StderrLog;
import dev.reaper.mcp.McpFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server run as a child process, spoken to in newline-delimited JSON over its stdin and stdout; its stderr
 * goes to Reaper's log. {@link #close} follows the MCP shutdown for stdio: close stdin, wait, SIGTERM, wait,
 * SIGKILL; whatever the server started is ended with it, so nothing is left running.
 */
public final class StdioTransport implements Transport {

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final StderrLog stderr;
    private final Duration grace;
    private final int maxMessageChars;
    private volatile boolean closing;

    private StdioTransport(String name, Process process, Duration grace, int maxMessageChars) {
        this.name = name;
        this.maxMessageChars = maxMessageChars;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stderr = new StderrLog("mcp " + name, process.getErrorStream());
        this.grace = grace;
    }

    /**
     * Starts the program in {@code directory} with exactly {@code environment}.
     *
     * @param grace how long the server gets to exit once its stdin is closed, and again after SIGTERM
     */
    public static StdioTransport launch(String name, List<String> command, Path directory,
                                        Map<String, String> environment, Duration grace) throws McpFailure {
        return launch(name, command, directory, environment, grace, BoundedLines.DEFAULT_MAX_CHARS);
    }

    /** As {@link #launch(String, List, Path, Map, Duration)}, taking messages up to {@code maxMessageChars} long. */
    public static StdioTransport launch(String name, List<String> command, Path directory,
                                        Map<String, String> environment, Duration grace, int maxMessageChars)
            throws McpFailure {
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment);
        try {
            return new StdioTransport(name, pb.start(), grace, maxMessageChars);
        } catch (IOException e) {
            throw new McpFailure("MCP server " + name + " could not be started (" + String.join(" ", command)
                    + "): " + e.getMessage());
        }
    }

    @Override
    public boolean triesStateless() {
        return true;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void start(Listener listener) {
        Thread.ofVirtual().name("reaper-mcp-" + name + "-stdout").start(() -> read(listener));
    }

    private void read(Listener listener) {
        try (InputStream stdout = process.getInputStream()) {
            BoundedLines in = new BoundedLines(stdout, maxMessageChars);
            for (String line; (line = in.next()) != null; ) {
                if (!line.isBlank()) {
                    listener.message(line);
                }
            }
        } catch (BoundedLines.TooLong e) {
            if (!closing) {
                listener.closed("MCP server " + name + " sent too long a message (" + e.getMessage()
                        + "), so Reaper stopped using it");
            }
            return;
        } catch (IOException e) {
            // the pipe broke: the process is ending
        }
        if (!closing) {
            listener.closed(exitReason());
        }
    }

    /** How the process ended, with its last words on stderr. */
    private String exitReason() {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String words = stderr.lastWords();
        String how = process.isAlive() ? "closed its stdout" : "exited (code " + process.exitValue() + ")";
        return "MCP server " + name + " " + how + (words.isEmpty() ? "" : ": " + words);
    }

    @Override
    public void send(String json) throws McpFailure {
        byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (stdin) {
                stdin.write(line);
                stdin.flush();
            }
        } catch (IOException e) {
            throw new McpFailure(process.isAlive() ? "MCP server " + name + " cannot be written to: " + e.getMessage()
                    : exitReason());
        }
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        List<ProcessHandle> tree = process.descendants().toList();
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed
        }
        end(process.toHandle(), grace);
        tree.forEach(p -> end(p, Duration.ZERO));
    }

    /** Waits for the process to exit, then asks it to stop (SIGTERM), waits again, then kills it (SIGKILL). */
    private void end(ProcessHandle p, Duration wait) {
        if (exits(p, wait)) {
            return;
        }
        p.destroy();
        if (exits(p, grace)) {
            return;
        }
        p.destroyForcibly();
        exits(p, Duration.ofSeconds(2));
    }

    private static boolean exits(ProcessHandle p, Duration wait) {
        if (!p.isAlive()) {
            return true;
        }
        try {
            p.onExit().get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
