package dev.reaper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real git repository in a test folder, driven by the git CLI: files written, staged and committed as
 * a user would, on a branch named main, with a fixed author and no signing or hooks from the machine.
 */
public final class TestRepo {

    private final Path dir;

    private TestRepo(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** An empty repository (no commits yet) in {@code dir}; skips the test when git is not installed. */
    public static TestRepo init(Path dir) {
        Peers.require("git");
        TestRepo r = new TestRepo(dir);
        r.git("init", "-q", "-b", "main");
        r.git("config", "user.email", "ada@example.com");
        r.git("config", "user.name", "Ada");
        r.git("config", "commit.gpgsign", "false");
        r.git("config", "core.hooksPath", "/dev/null");
        return r;
    }

    public Path dir() {
        return dir;
    }

    public TestRepo write(String path, String content) {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public TestRepo write(String path, byte[] content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestRepo delete(String path) {
        try {
            Files.delete(dir.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs git in the repository (no global or system config) and returns its output; fails when git does. */
    public String git(String... args) {
        return Peers.run(dir, command(args));
    }

    /** Runs git expecting it to fail (a merge that conflicts); fails the test when it succeeds. */
    public String gitFailing(String... args) {
        try {
            Process p = new ProcessBuilder(command(args)).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() == 0) {
                throw new AssertionError("git " + String.join(" ", args) + " was expected to fail: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String[] command(String... args) {
        List<String> command = new ArrayList<>(List.of("env", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
                "git"));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    /** Stages everything and commits it; returns the new commit's full id. */
    public String commitAll(String message) {
        git("add", "-A");
        git("commit", "-q", "-m", message);
        return head();
    }

    public String head() {
        return git("rev-parse", "HEAD").strip();
    }
}
