package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Peers;
import dev.reaper.testing.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-commit hook end to end: installed by the real program into a real repository, run by a real
 * {@code git commit}, calling the real program back, which reviews against the loopback provider.
 */
class HooksIT {

    static final Path LAUNCHER = Path.of("").toAbsolutePath().resolve("scripts/reaper");

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;

    @BeforeEach
    void start() throws Exception {
        Peers.require("git");
        Peers.require("bash");
        fake = FakeProvider.start();
        Peers.gitRepo(work, "app.py", "def load(name):\n    return open(name).read()\n");
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    record Done(int code, String out) {}

    Done run(List<String> cmd, Map<String, String> extra) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("REAPER_HOME", home.toString());
        env.put("NO_COLOR", "1");
        env.put("ANTHROPIC_BASE_URL", fake.baseUrl());
        env.put("ANTHROPIC_API_KEY", "sk-ant-hook-test-000001");
        env.remove("OPENAI_API_KEY");
        env.remove("GEMINI_API_KEY");
        env.putAll(extra);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Done(p.exitValue(), out);
    }

    Done commit(String message, Map<String, String> env) throws Exception {
        return run(List.of("git", "commit", "-q", "-m", message), env);
    }

    @Test
    void theHookStopsACommitWithAHighFindingAndLetsACleanOneThrough() throws Exception {
        Files.writeString(work.resolve(".git/hooks/pre-commit"), "#!/bin/sh\necho previous hook ran\n");
        work.resolve(".git/hooks/pre-commit").toFile().setExecutable(true);
        Done installed = run(List.of(LAUNCHER.toString(), "hooks", "install", "--fail-on", "high"), Map.of());
        assertThat(installed.code()).as(installed.out()).isZero();
        assertThat(installed.out()).contains("installed the pre-commit hook").contains("existing hook is kept");

        // a change the reviewer finds a high finding in: the commit is refused
        Files.writeString(work.resolve("app.py"), "def load(name):\n    return eval(open(name).read())\n");
        Peers.run(work, "git", "add", "app.py");
        fake.enqueue(Step.call("report_finding", "{\"path\":\"app.py\",\"start_line\":2,\"severity\":\"high\","
                + "\"category\":\"security\",\"message\":\"eval of file content\"}"), Step.text("Unsafe."));
        Done refused = commit("use eval", Map.of());
        assertThat(refused.code()).as(refused.out()).isNotZero();
        assertThat(refused.out()).contains("previous hook ran").contains("app.py:2  HIGH  security");
        assertThat(Peers.run(work, "git", "log", "--oneline")).doesNotContain("use eval");

        // skipped on request
        fake.enqueue(Step.text("never asked"));
        Done skipped = commit("use eval anyway", Map.of("REAPER_SKIP_REVIEW", "1"));
        assertThat(skipped.code()).as(skipped.out()).isZero();
        assertThat(Peers.run(work, "git", "log", "--oneline")).contains("use eval anyway");

        // a clean change goes through
        Files.writeString(work.resolve("app.py"), "def load(name):\n    with open(name) as f:\n        return f.read()\n");
        Peers.run(work, "git", "add", "app.py");
        fake.enqueue(Step.text("Looks fine."));
        Done clean = commit("close the file", Map.of());
        assertThat(clean.code()).as(clean.out()).isZero();
        assertThat(clean.out()).contains("No findings");
        assertThat(Peers.run(work, "git", "log", "--oneline")).contains("close the file");

        // uninstalling puts the previous hook back; installing twice is one install
        run(List.of(LAUNCHER.toString(), "hooks", "install"), Map.of());
        Done removed = run(List.of(LAUNCHER.toString(), "hooks", "uninstall"), Map.of());
        assertThat(removed.out()).contains("the hook that was there before is back");
        assertThat(Files.readString(work.resolve(".git/hooks/pre-commit"))).isEqualTo("#!/bin/sh\necho previous hook ran\n");
    }
}
