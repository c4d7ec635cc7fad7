package dev.reaper.lsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reaper.config.ConfigLoader;
import dev.reaper.config.LspConfig;
import dev.reaper.testing.Peers;
import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers that cannot serve: missing, crashing, silent, disabled, or none for the file. Each reason is
 * told to the model, and remembered rather than tried again.
 */
class LanguageServersTest {

    @TempDir
    Path dir;

    ToolWorkspace ws;
    LanguageServers servers;

    @BeforeEach
    void setUp() throws Exception {
        ws = new ToolWorkspace(dir.toRealPath());
        ws.write("a.fake", "anything\n");
        ws.write("notes.txt", "notes\n");
        ws.write("b.py", "x = 1\n");
    }

    @AfterEach
    void tearDown() {
        if (servers != null) {
            servers.close();
        }
    }

    /** Servers from a config.toml text, with a short start timeout. */
    private void configure(String toml) throws Exception {
        Path file = Files.writeString(dir.resolve("config.toml"), toml);
        servers = new LanguageServers(ws.root(), LspConfig.of(ConfigLoader.load(file, null)),
                new ServerFinder(ws.root(), List.of(), System.getenv().getOrDefault("PATH", "")), System.getenv(),
                new LanguageServers.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    private String symbols(String path) throws ToolFailure {
        Tool t = LspTools.all(servers).get(0);
        return ws.run(t, ToolWorkspace.args("path", path)).text();
    }

    private Path executable(String name, String script) throws Exception {
        Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void aMissingServerIsReportedWithWhatToDoAndRemembered() throws Exception {
        configure("""
                [lsp.fake]
                command = ["./fake-server"]
                extensions = [".fake"]
                """);
        String missing = "fake is not installed: " + ws.root().resolve("fake-server")
                + " is not an executable file, or set its command in [lsp.fake]";

        assertThatThrownBy(() -> symbols("a.fake")).isInstanceOf(ToolFailure.class).hasMessage(missing);
        executable("fake-server", "echo started >> runs; exec cat > /dev/null");

        assertThatThrownBy(() -> symbols("a.fake")).hasMessage(missing);
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aServerThatExitsIsReportedWithItsLastWordsAndNotRestarted() throws Exception {
        executable("crashing-server", "echo started >> runs; echo 'cannot find the workspace' >&2; exit 3");
        configure("""
                [lsp.fake]
                command = ["./crashing-server", "--stdio"]
                extensions = [".fake"]
                """);
        String crashed = "fake exited (code 3): cannot find the workspace; Reaper does not restart it until Reaper"
                + " itself is restarted";

        assertThatThrownBy(() -> symbols("a.fake")).hasMessage(crashed);
        assertThatThrownBy(() -> symbols("a.fake")).hasMessage(crashed);
        assertThat(Files.readAllLines(dir.resolve("runs"))).containsExactly("started");
    }

    @Test
    void aServerKilledWhileRunningIsReportedAndNotRestarted() throws Exception {
        Path clangd = Peers.program("clangd");
        configure("[lsp.clangd]\ncommand = [\"" + clangd + "\"]\n");
        ws.write("prog.c", "int main(void) { return 0; }\n");
        assertThat(symbols("prog.c")).isEqualTo("prog.c:1:5 function main\n");
        ServerConnection running = servers.running().get(0);

        ProcessHandle.of(running.pid()).orElseThrow().destroyForcibly();
        ProcessHandle.of(running.pid()).ifPresent(p -> p.onExit().join());

        assertThatThrownBy(() -> symbols("prog.c")).hasMessageStartingWith("clangd exited (code 137)")
                .hasMessageEndingWith("; Reaper does not restart it until Reaper itself is restarted");
        assertThatThrownBy(() -> symbols("prog.c")).hasMessageStartingWith("clangd exited (code 137)");
        assertThat(servers.running()).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersIsStoppedAfterTheStartTimeout() throws Exception {
        executable("silent-server", "echo $$ > pid; exec cat > /dev/null");
        configure("""
                [lsp.fake]
                command = ["./silent-server"]
                extensions = [".fake"]
                """);

        assertThatThrownBy(() -> symbols("a.fake")).hasMessage("fake did not answer initialize within 2 s; Reaper"
                + " does not try it again until Reaper itself is restarted");
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aFileNoServerHandlesSaysWhichServersThereAre() throws Exception {
        configure("""
                [lsp.typescript-language-server]
                enabled = false
                """);

        assertThatThrownBy(() -> symbols("notes.txt")).hasMessageStartingWith("no language server handles .txt files;"
                + " configured: pyright (.py .pyi), clangd (.c .h .cpp .hpp .cc .cxx .hh), gopls (.go), ")
                .hasMessageEndingWith(". Add one with [lsp.NAME] command and extensions in config.toml");
    }

    @Test
    void aFileOfADisabledServerSaysSo() throws Exception {
        configure("""
                [lsp.pyright]
                enabled = false
                """);

        assertThatThrownBy(() -> symbols("b.py")).hasMessage("no language server handles b.py: pyright would, but it"
                + " is disabled ([lsp.pyright] enabled = false)");
    }

    @Test
    void statusesFindProgramsWithoutStartingThem() throws Exception {
        Path gopls = executable("gopls", "echo started >> runs");
        servers = new LanguageServers(ws.root(), LspConfig.of(ConfigLoader.load(Files.writeString(
                dir.resolve("config.toml"), "[lsp.jdtls]\nenabled = false\n"), null)),
                new ServerFinder(ws.root(), List.of(dir), ""), System.getenv(), LanguageServers.Timeouts.DEFAULT);

        List<LanguageServers.Status> statuses = servers.statuses();

        assertThat(statuses).filteredOn(s -> s.name().equals("gopls")).singleElement()
                .isEqualTo(new LanguageServers.Status("gopls", List.of(".go"), true, Optional.of(gopls),
                        gopls.toString()));
        assertThat(statuses).filteredOn(s -> s.name().equals("pyright")).singleElement()
                .extracting(LanguageServers.Status::note).isEqualTo("not installed: no pyright-langserver in "
                        + dir + ", PATH (install: npm install -g pyright), or set its command in [lsp.pyright]");
        assertThat(statuses).filteredOn(s -> s.name().equals("jdtls")).singleElement()
                .extracting(LanguageServers.Status::note).isEqualTo("disabled (enabled = false)");
        assertThat(servers.anyInstalled()).isTrue();
        assertThat(dir.resolve("runs")).doesNotExist();
    }
}
