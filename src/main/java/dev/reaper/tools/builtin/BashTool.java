package dev.reaper.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.policy.ToolKind;
import dev.reaper.protocol.Cancellation;
import dev.reaper.secret.Redactor;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bash {command, timeout_ms?}}: runs a command line non-interactively in the workspace root.
 * The command gets its own process group (through {@code setsid}), so a timeout, a cancel or the end of
 * the command kills everything it started, background jobs included. Output (stdout and stderr interleaved) is kept
 * whole up to a cap, beyond which the middle is cut.
 */
public final class BashTool extends BuiltinTool {

    static final long DEFAULT_TIMEOUT_MS = 120_000;
    static final long MAX_TIMEOUT_MS = 600_000;
    static final int MAX_OUTPUT = 30_000;
    private static final String SETSID = findSetsid();

    public BashTool() {
        super("bash");
    }

    @Override
    public ToolKind kind() {
        return ToolKind.EXECUTE;
    }

    @Override
    public List<String> targets(JsonNode args, ToolContext context) {
        return List.of(args.path("command").asText());
    }

    private static String findSetsid() {
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    @Override
    public ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
        String command = args.path("command").asText();
        if (command.isBlank()) {
            throw new ToolFailure("the command is empty");
        }
        long timeout = Math.min(MAX_TIMEOUT_MS, args.path("timeout_ms").asLong(DEFAULT_TIMEOUT_MS));
        List<String> argv = new ArrayList<>();
        if (SETSID != null) {
            argv.add(SETSID);
        }
        argv.addAll(List.of("bash", "-c", command));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(context.workspace().root().toFile())
                .redirectErrorStream(true)
                .redirectInput(new File("/dev/null"));
        pb.environment().clear();
        pb.environment().putAll(context.environment());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new ToolFailure("cannot start bash: " + e.getMessage());
        }
        OutputBuffer output = new OutputBuffer(MAX_OUTPUT);
        Thread reader = Thread.ofVirtual().start(() -> output.drain(process.getInputStream()));
        Cancellation cancel = context.cancel();
        boolean finished;
        try (Cancellation.Registration ignored = cancel.onCancel(() -> killTree(process))) {
            finished = process.waitFor(timeout, TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
                process.waitFor(5, TimeUnit.SECONDS);
            }
            // Nothing the command started outlives the call: background jobs still running when bash exits
            // (holding the output pipe or not) are killed with the command's process group.
            reader.join(300);
            killTree(process);
            reader.join(2000);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new ToolFailure("interrupted");
        }
        String text = Redactor.global().redact(output.text());
        if (cancel.isCancelled()) {
            return ToolOutput.error(text + "\n[cancelled by the user; the command was killed]");
        }
        if (!finished) {
            return ToolOutput.error(text + "\n[timed out after " + timeout + " ms; the command was killed]");
        }
        int code = process.exitValue();
        String body = text.isEmpty() ? "(no output)\n" : text.endsWith("\n") ? text : text + "\n";
        return new ToolOutput(body + "[exit code " + code + "]", code != 0);
    }

    /** Kills the command's process group and every descendant still known. */
    static void killTree(Process process) {
        long pid = process.pid();
        List<ProcessHandle> descendants = process.descendants().toList();
        if (SETSID != null) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + pid)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor(2, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException ignored) {
                // fall back to the descendants below
            }
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Keeps the first and last halves of a long output, counting what was cut. */
    static final class OutputBuffer {
        private final int half;
        private final StringBuilder head = new StringBuilder();
        private final StringBuilder tail = new StringBuilder();
        private long cut;

        OutputBuffer(int max) {
            this.half = max / 2;
        }

        void drain(InputStream in) {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
            try (var reader = new java.io.InputStreamReader(in, decoder)) {
                char[] chars = new char[8192];
                int n;
                while ((n = reader.read(chars)) != -1) {
                    append(chars, n);
                }
            } catch (IOException ignored) {
                // the process was killed or its pipe closed
            }
        }

        private synchronized void append(char[] chars, int n) {
            for (int i = 0; i < n; i++) {
                boolean completesPair = !head.isEmpty() && Character.isHighSurrogate(head.charAt(head.length() - 1))
                        && Character.isLowSurrogate(chars[i]) && tail.isEmpty();
                if (head.length() < half || completesPair) {
                    head.append(chars[i]);
                } else {
                    tail.append(chars[i]);
                }
            }
            if (tail.length() > 2 * half) {
                dropFromTail(tail.length() - half);
            }
        }

        /** Drops chars from the start of the tail, never leaving half a surrogate pair first. */
        private void dropFromTail(int drop) {
            tail.delete(0, drop);
            cut += drop;
            if (!tail.isEmpty() && Character.isLowSurrogate(tail.charAt(0))) {
                tail.deleteCharAt(0);
                cut++;
            }
        }

        synchronized String text() {
            if (tail.length() > half) {
                dropFromTail(tail.length() - half);
            }
            if (cut == 0) {
                return head.toString() + tail;
            }
            return head + "\n[... " + cut + " characters cut ...]\n" + tail;
        }
    }
}
