package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.testing.CliRun;
import dev.reaper.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reaper mcp add}, {@code list} and {@code remove}, in both scopes. */
class McpCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    CliRun cli() {
        return new CliRun(home, work);
    }

    @Test
    void addListAndRemoveAProjectServer() throws Exception {
        Path everything = Peers.program("mcp-server-everything");
        cli().run("trust");

        CliRun.Result added = cli().run("mcp", "add", "everything", "--env", "LOG=1", "--", everything.toString());

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("Added stdio MCP server everything (" + everything + " (env LOG)) in "
                + work.resolve(".mcp.json"));
        assertThat(Files.readString(work.resolve(".mcp.json"))).contains("\"command\" : \"" + everything + "\"");
        CliRun.Result list = cli().run("mcp", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("everything +stdio +.*ok, \\d+ tools");
        CliRun.Result removed = cli().run("mcp", "remove", "everything");
        assertThat(removed.out()).contains("Removed MCP server everything from " + work.resolve(".mcp.json"));
        assertThat(cli().run("mcp", "list").out()).contains("No MCP servers.");
    }

    @Test
    void anHttpServerInUserScopeIsListedWithoutItsHeaderValues() throws Exception {
        CliRun.Result added = cli().run("mcp", "add", "--transport", "http", "--scope", "user", "web",
                "http://127.0.0.1:9/mcp", "--header", "Authorization: Bearer sekrit-token");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).doesNotContain("sekrit");
        assertThat(Files.readString(home.resolve("mcp.json"))).contains("\"type\" : \"http\"")
                .contains("\"Authorization\" : \"Bearer sekrit-token\"");
        CliRun.Result list = cli().run("mcp", "list");
        assertThat(list.out()).contains("web", "http", "http://127.0.0.1:9/mcp (headers Authorization)",
                "failed:").doesNotContain("sekrit");
        CliRun.Result noStart = cli().run("mcp", "list", "--no-start");
        assertThat(noStart.out()).contains("http://127.0.0.1:9/mcp").doesNotContain("failed");
    }

    @Test
    void aProjectServerInAnUntrustedWorkspaceIsAddedWithANote() {
        CliRun.Result added = cli().run("mcp", "add", "fs", "--", "some-server");

        assertThat(added.out()).contains("not trusted");
        assertThat(cli().run("mcp", "list").out()).contains("warning: ignored " + work.resolve(".mcp.json"));
    }

    @Test
    void mistakesAreUsageErrors() {
        assertThat(cli().run("mcp", "add", "fs").err()).contains("give the server's command after --");
        assertThat(cli().run("mcp", "add", "--transport", "http", "web", "not-a-url").err())
                .contains("give the server's URL");
        CliRun.Result r = cli().run("mcp", "remove", "nothing");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("no MCP server nothing in");
    }

    @Test
    void doctorShowsTheServersWithoutStartingThem() throws Exception {
        Files.writeString(home.resolve("config.toml"), "[mcp_servers.docs]\ncommand = \"docs-server\"\n"
                + "env = { DOCS_TOKEN = \"sekrit\" }\n");

        CliRun.Result r = cli().run("doctor");

        assertThat(r.out()).contains("MCP servers (started with each session; 'reaper mcp list' checks them)\n"
                + "  docs  stdio  docs-server (env DOCS_TOKEN)  (" + home.resolve("config.toml") + ")\n")
                .doesNotContain("sekrit");
    }
}
