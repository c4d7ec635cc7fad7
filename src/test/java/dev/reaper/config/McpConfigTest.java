package dev.reaper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MCP servers from the user's mcp.json, config.toml's [mcp_servers] and the workspace's .mcp.json. */
class McpConfigTest {

    @TempDir
    Path dir;

    Path user() {
        return dir.resolve("mcp.json");
    }

    Path project() {
        return dir.resolve(".mcp.json");
    }

    Config toml(String text) throws Exception {
        Path f = dir.resolve("config.toml");
        Files.writeString(f, text);
        return ConfigLoader.load(f, null);
    }

    @Test
    void theThreeSourcesAreMergedByNameLaterOnesWinning() throws Exception {
        Files.writeString(user(), """
                {"mcpServers": {"fs": {"command": "old-fs"}, "github": {"type": "http",
                  "url": "https://api.example.com/mcp", "headers": {"Authorization": "Bearer secret-1"}}}}
                """);
        Config c = toml("""
                [mcp_servers.docs]
                command = "npx"
                args = ["-y", "docs-server"]
                env = { DOCS_TOKEN = "t" }

                [mcp_servers.remote]
                url = "https://remote.example.com/mcp"
                bearer_token_env_var = "REMOTE_TOKEN"
                startup_timeout_sec = 5
                tool_timeout_sec = 600

                [mcp_servers.off]
                command = "off"
                enabled = false
                """);
        Files.writeString(project(), """
                {"mcpServers": {"fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "."]}}}
                """);

        McpConfig m = McpConfig.load(c, user(), project(), true);

        assertThat(m.warnings()).isEmpty();
        assertThat(m.servers()).extracting(McpConfig.Server::name)
                .containsExactly("fs", "github", "docs", "remote");
        assertThat(m.servers().get(0).transport()).isEqualTo(new McpConfig.Stdio(
                List.of("npx", "-y", "@modelcontextprotocol/server-filesystem", "."), Map.of()));
        assertThat(m.servers().get(0).source()).isEqualTo(project().toString());
        assertThat(m.servers().get(1).transport()).isEqualTo(new McpConfig.Http("https://api.example.com/mcp",
                Map.of("Authorization", "Bearer secret-1"), Optional.empty()));
        assertThat(m.servers().get(2).transport()).isEqualTo(new McpConfig.Stdio(List.of("npx", "-y", "docs-server"),
                Map.of("DOCS_TOKEN", "t")));
        assertThat(m.servers().get(3)).isEqualTo(new McpConfig.Server("remote", new McpConfig.Http(
                "https://remote.example.com/mcp", Map.of(), Optional.of("REMOTE_TOKEN")), c.sources().get(0).toString(),
                Optional.of(Duration.ofSeconds(5)), Optional.of(Duration.ofSeconds(600))));
        assertThat(m.servers().get(2).toolTimeout()).isEmpty();
    }

    @Test
    void secretsAreNotInTheServersDescriptions() {
        assertThat(new McpConfig.Http("https://x.example/mcp", Map.of("Authorization", "Bearer secret-1"),
                Optional.empty()).toString()).isEqualTo("https://x.example/mcp (headers Authorization)");
        assertThat(new McpConfig.Stdio(List.of("srv", "--x"), Map.of("API_KEY", "secret-2")).toString())
                .isEqualTo("srv --x (env API_KEY)");
    }

    @Test
    void anUntrustedWorkspacesMcpJsonIsIgnoredWithAWarning() throws Exception {
        Files.writeString(project(), "{\"mcpServers\": {\"evil\": {\"command\": \"curl\"}}}");

        McpConfig m = McpConfig.load(toml(""), user(), project(), false);

        assertThat(m.servers()).isEmpty();
        assertThat(m.warnings()).singleElement().asString().contains("ignored " + project())
                .contains("not trusted").contains("reaper trust");
    }

    @Test
    void anUntrustedProjectConfigTomlCannotAddServers() throws Exception {
        Path projectToml = dir.resolve("project.toml");
        Files.writeString(projectToml, "[mcp_servers.evil]\ncommand = \"curl\"\n");

        Config c = ConfigLoader.load(null, projectToml, false);

        assertThat(McpConfig.load(c, user(), project(), false).servers()).isEmpty();
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("ignored [mcp_servers]"));
    }

    @Test
    void errorsNameTheKey() throws Exception {
        assertThatThrownBy(() -> McpConfig.load(toml("[mcp_servers.a]\nargs = [\"x\"]\n"), user(), project(), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[mcp_servers.a] needs either command (a program) or url");
        assertThatThrownBy(() -> McpConfig.load(toml("[mcp_servers.a]\ncommand = \"x\"\ncwd = \"/\"\n"), user(),
                project(), true)).hasMessageContaining("unknown key mcp_servers.a.cwd");
        assertThatThrownBy(() -> McpConfig.load(toml("[mcp_servers.a]\ncommand = \"x\"\ntool_timeout_sec = 0\n"),
                user(), project(), true)).hasMessageContaining("'mcp_servers.a.tool_timeout_sec' must be at least 1");
        assertThatThrownBy(() -> McpConfig.load(toml("[mcp_servers.a]\ncommand = \"x\"\nargs = \"-v\"\n"), user(),
                project(), true)).hasMessageContaining("'mcp_servers.a.args' must be a list of strings");
        Files.writeString(project(), "{\"mcpServers\": {\"b\": {\"type\": \"ws\", \"url\": \"http://x\"}}}");
        assertThatThrownBy(() -> McpConfig.load(toml(""), user(), project(), true))
                .hasMessageContaining("mcpServers.b.type is \"ws\"; use stdio or http");
        Files.writeString(project(), "{\"mcpServers\": {\"b\": {\"args\": [\"x\"]}}}");
        assertThatThrownBy(() -> McpConfig.load(toml(""), user(), project(), true))
                .hasMessageContaining(project() + ": mcpServers.b needs a command");
        Files.writeString(project(), "{\"mcpServers\": ");
        assertThatThrownBy(() -> McpConfig.load(toml(""), user(), project(), true))
                .hasMessage(project() + " is not valid JSON (fix it, or move it aside)");
    }

    @Test
    void addAndRemoveKeepTheRestOfTheFile() throws Exception {
        Files.writeString(user(), "{\"other\": 1, \"mcpServers\": {\"keep\": {\"command\": \"k\"}}}");
        McpJsonFile f = new McpJsonFile(user());

        f.put("fs", new McpConfig.Stdio(List.of("npx", "-y", "srv"), Map.of("K", "V")));
        f.put("web", new McpConfig.Http("https://w.example/mcp", Map.of("X-Key", "v"), Optional.empty()));

        McpConfig m = McpConfig.load(toml(""), user(), project(), true);
        assertThat(m.servers()).extracting(McpConfig.Server::name).containsExactly("keep", "fs", "web");
        assertThat(m.servers().get(1).transport()).isEqualTo(new McpConfig.Stdio(List.of("npx", "-y", "srv"),
                Map.of("K", "V")));
        assertThat(f.remove("fs")).isTrue();
        assertThat(f.remove("fs")).isFalse();
        assertThat(Files.readString(user())).contains("\"other\" : 1").doesNotContain("\"fs\"");
        assertThatThrownBy(() -> f.put("a b", new McpConfig.Stdio(List.of("x"), Map.of())))
                .hasMessageContaining("letters, digits, _ and - only");
    }

    @Test
    void whatClaudeCodeReadsAndReaperDoesNotIsAWarning() throws Exception {
        Files.writeString(project(), """
                {"mcpServers": {"old": {"type": "sse", "url": "https://x.example/sse"},
                                "fs": {"command": "fs-server", "timeout": 5}}}
                """);

        McpConfig m = McpConfig.load(toml(""), user(), project(), true);

        assertThat(m.servers()).extracting(McpConfig.Server::name).containsExactly("fs");
        assertThat(m.warnings()).containsExactly(
                project() + ": mcpServers.old is left out: it uses the older SSE transport, which Reaper does not"
                        + " speak (use its Streamable HTTP URL with \"type\": \"http\")",
                project() + ": mcpServers.fs.timeout is not read by Reaper (it reads args, command, env, headers,"
                        + " type, url)");
    }
}
