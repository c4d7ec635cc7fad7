package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.json.Json;
import dev.reaper.testing.CliRun;
import dev.reaper.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reaper mcp call} and {@code reaper mcp tools} against server-everything (stdio, configured by name):
 * the result's text or JSON on stdout, and an exit code a script can tell apart: 0, 1 for an error result,
 * 2 for bad usage, 6 for a protocol error.
 */
class McpCallCliTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    @BeforeEach
    void configure() throws Exception {
        Files.writeString(home.resolve("config.toml"), """
                [mcp_servers.everything]
                command = "%s"
                """.formatted(Peers.program("mcp-server-everything")));
    }

    CliRun.Result reaper(String... args) {
        return new CliRun(home, work).run(args);
    }

    @Test
    void aToolsResultIsPrintedAsText() {
        CliRun.Result r = reaper("mcp", "call", "everything", "get-sum", "--args", "{\"a\":2,\"b\":3}");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("The sum of 2 and 3 is 5.\n");
    }

    @Test
    void argumentsOneByOneAndTheRawResultAsJson() {
        CliRun.Result r = reaper("mcp", "call", "everything", "echo", "--arg", "message=hi there", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Json.parse(r.out())).isEqualTo(Json.parse(
                "{\"content\":[{\"type\":\"text\",\"text\":\"Echo: hi there\"}]}"));
    }

    @Test
    void anErrorResultExitsWithOne() {
        CliRun.Result r = reaper("mcp", "call", "everything", "get-sum", "--args", "{\"a\":\"two\"}");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isNotBlank();
    }

    @Test
    void anUnknownToolIsAnErrorResultFromThisServer() {
        CliRun.Result r = reaper("mcp", "call", "everything", "no-such-tool");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("no-such-tool");
    }

    @Test
    void aServerThatCannotStartExitsWithSix() throws Exception {
        Files.writeString(home.resolve("config.toml"), """
                [mcp_servers.gone]
                command = "%s"
                """.formatted(work.resolve("no-such-program")));

        CliRun.Result r = reaper("mcp", "call", "gone", "t");

        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("reaper: MCP server gone could not be started");
    }

    @Test
    void badUsageSaysWhatToDo() {
        CliRun.Result unknown = reaper("mcp", "call", "nowhere", "t");
        CliRun.Result notJson = reaper("mcp", "call", "everything", "echo", "--args", "[1]");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("reaper: no MCP server nowhere; configured: everything (or give a URL)\n");
        assertThat(notJson.exitCode()).isEqualTo(2);
        assertThat(notJson.err()).contains("--args must be a JSON object");
    }

    @Test
    void anUnreachableUrlIsAClearErrorExitingWithSix() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun.Result r = reaper("mcp", "tools", "http://127.0.0.1:" + port + "/mcp");

        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.err()).startsWith("reaper: MCP server http://127.0.0.1:" + port + "/mcp: cannot reach");
    }

    @Test
    void aCallThatTakesLongerThanItsTimeoutExitsWithSix() {
        CliRun.Result r = reaper("mcp", "call", "everything", "trigger-long-running-operation", "--args",
                "{\"duration\": 30, \"steps\": 1}", "--timeout", "1");

        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.err()).isEqualTo("reaper: MCP server everything did not answer tools/call within 1 s\n");
    }

    @Test
    void theToolsAreListed() {
        CliRun.Result r = reaper("mcp", "tools", "everything");
        CliRun.Result json = reaper("mcp", "tools", "everything", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("TOOL").contains("echo", "Echoes back the input string", "get-sum");
        assertThat(Json.parse(json.out()).findValuesAsText("name")).contains("echo", "get-sum");
    }
}
