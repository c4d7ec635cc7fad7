package dev.reaper.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.config.ConfigLoader;
import dev.reaper.config.LspConfig;
import dev.reaper.protocol.Cancellation;
import dev.reaper.testing.Peers;
import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A workspace with the built-in language-server table, its programs looked up where the tests' peers are
 * installed: one per test class, its servers shared by the tests. Closing it stops them and checks that no
 * process they ran is left.
 */
final class ServerFixture implements AutoCloseable {

    final ToolWorkspace ws;
    final LanguageServers servers;
    private final List<Tool> tools;

    /** @param program a server program the tests need ({@link Peers#program}: skipped when missing) */
    ServerFixture(Path root, String program) throws Exception {
        Path found = Peers.program(program);
        this.ws = new ToolWorkspace(root.toRealPath());
        this.servers = new LanguageServers(ws.root(), LspConfig.of(ConfigLoader.load(null, null)),
                new ServerFinder(ws.root(), List.of(found.getParent()), System.getenv().getOrDefault("PATH", "")),
                System.getenv(), LanguageServers.Timeouts.DEFAULT);
        this.tools = LspTools.all(servers);
    }

    /** Starts the server of a file's language now, so the tests do not each wait for it. */
    ServerConnection start(String file) throws LspFailure {
        return servers.connectionFor(ws.root().resolve(file), new Cancellation());
    }

    /** Runs a language-server tool with arguments given as alternating names and values. */
    String run(String tool, Object... args) throws ToolFailure {
        Tool t = tools.stream().filter(x -> x.name().equals(tool)).findFirst().orElseThrow();
        return ws.run(t, ToolWorkspace.args(args)).text();
    }

    @Override
    public void close() {
        List<ProcessHandle> ran = new ArrayList<>();
        for (ServerConnection c : servers.running()) {
            ProcessHandle.of(c.pid()).ifPresent(p -> Stream.concat(Stream.of(p), p.descendants()).forEach(ran::add));
        }
        servers.close();
        assertThat(ran).as("the servers' processes").isNotEmpty();
        assertThat(ran.stream().filter(ProcessHandle::isAlive).toList()).as("processes left running").isEmpty();
    }
}
