package dev.reaper.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A private tmux server (its own socket, so a user's sessions are never touched) to run Reaper in a real
 * terminal: start a pane, type into it with {@code send-keys}, read it back with {@code capture-pane}.
 */
public final class Tmux implements AutoCloseable {

    private final String socket = "reaper-" + UUID.randomUUID().toString().substring(0, 8);

    /** Runs a tmux command on this server and returns what it printed. */
    public String run(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("tmux failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private boolean serverUp;

    /** Starts a detached session of the given size running {@code shellCommand}. */
    public void start(String session, int width, int height, String shellCommand) {
        if (!serverUp) {
            // an idle session keeps the server up between sessions: a server exiting as the last session
            // ends could take the next new session down with it
            run("new-session", "-d", "-s", "idle", "sleep 86400");
            serverUp = true;
        }
        run("new-session", "-d", "-s", session, "-x", String.valueOf(width), "-y", String.valueOf(height), shellCommand);
    }

    public String screen(String session) {
        return run("capture-pane", "-p", "-t", session);
    }

    /** The pane with its colours and attributes, as escape sequences. */
    public String colours(String session) {
        return run("capture-pane", "-p", "-e", "-t", session);
    }

    public void type(String session, String text) {
        run("send-keys", "-t", session, "-l", text);
    }

    public void keys(String session, String... names) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(names));
        run(args.toArray(String[]::new));
    }

    /** A format variable of the pane, such as {@code pane_pid} or {@code alternate_on}. */
    public String pane(String session, String variable) {
        return run("display-message", "-p", "-t", session, "#{" + variable + "}").strip();
    }

    /**
     * Polls the pane until {@code until} accepts it, read twice in a row alike so that a frame caught half
     * drawn is not taken for the result; fails with what it shows after {@code seconds}.
     */
    public String await(String session, String what, Predicate<String> until, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String previous = null;
        String s = screen(session);
        while (!(until.test(s) && s.equals(previous))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited for " + what + "; the pane shows:\n" + s);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            previous = s;
            s = screen(session);
        }
        return s;
    }

    public void kill(String session) {
        run("kill-session", "-t", session);
    }

    @Override
    public void close() {
        run("kill-server");
    }
}
