package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.testing.Peers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reaper mcp serve --transport http}, in its own JVM, driven by the reference client MCP Inspector 2 (on
 * Node 22): tools (the language-server ones too, with pyright on the PATH), the workspace's files as resources, and the mode prompts; then the same prompts over stdio.
 */
class McpServeHttpTest {

    @TempDir
    Path dir;

    Path node;
    Path inspector;
    Path work;
    Path home;
    Process server;
    String url;

    @BeforeEach
    void setUp() throws Exception {
        node = Peers.node22();
        inspector = Peers.node22Tool("mcp-inspector");
        work = Files.createDirectories(dir.resolve("w"));
        home = Files.createDirectories(dir.resolve("home"));
        Peers.gitRepo(work, "a.py", "def add(a, b):\n    return a + b\n");
        Files.writeString(work.resolve("a.py"), "def add(a, b):\n    return a - b\n");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private List<String> reaper(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.reaper.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void serveHttp() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(reaper("mcp", "serve", "--transport", "http", "--port", "0"))
                .directory(work.toFile());
        pb.environment().put("REAPER_HOME", home.toString());
        pb.environment().put("PATH", Peers.program("pyright-langserver").getParent() + java.io.File.pathSeparator
                + System.getenv("PATH"));
        server = pb.start();
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        Pattern at = Pattern.compile("listening on (http://\\S+/mcp)");
        while ((line = err.readLine()) != null) {
            Matcher m = at.matcher(line);
            if (m.find()) {
                url = m.group(1);
                Thread.ofVirtual().start(() -> err.lines().forEach(l -> { }));
                return;
            }
        }
        throw new AssertionError("the server did not say where it listens");
    }

    private JsonNode inspect(List<String> target, String... method) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(node.toString(), inspector.toString(), "--cli"));
        cmd.addAll(target);
        cmd.addAll(List.of(method));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectError(dir.resolve("inspector.err").toFile())
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out + Files.readString(dir.resolve("inspector.err"))).isZero();
        return Json.parse(out);
    }

    private JsonNode http(String... method) throws Exception {
        List<String> target = List.of(url, "--transport", "http");
        return inspect(target, method);
    }

    @Test
    void toolsResourcesAndPromptsOverHttp() throws Exception {
        serveHttp();
        List<String> names = new ArrayList<>();
        http("--method", "tools/list").path("tools").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).contains("read", "write", "grep", "bash", "git_diff", "lsp_hover");

        JsonNode read = http("--method", "tools/call", "--tool-name", "read", "--tool-arg", "path=a.py");
        assertThat(read.at("/content/0/text").asText()).contains("return a - b");

        JsonNode resources = http("--method", "resources/list");
        String uri = work.resolve("a.py").toRealPath().toUri().toString();
        List<String> uris = new ArrayList<>();
        resources.path("resources").forEach(r -> uris.add(r.path("uri").asText()));
        assertThat(uris).contains(uri).noneMatch(u -> u.contains("/.git/"));
        assertThat(http("--method", "resources/read", "--uri", uri).at("/contents/0/text").asText())
                .isEqualTo("def add(a, b):\n    return a - b\n");

        JsonNode review = http("--method", "prompts/get", "--prompt-name", "review");
        assertThat(review.at("/messages/0/content/text").asText()).startsWith("Review the unstaged changes");
        assertThat(review.at("/messages/1/content/text").asText()).contains("-    return a + b")
                .contains("+    return a - b");

        try (var files = Files.walk(home)) {
            Path audit = files.filter(f -> f.getFileName().toString().equals("mcp-audit.jsonl")).findFirst()
                    .orElseThrow(() -> new AssertionError("no mcp-audit.jsonl under " + home));
            assertThat(Files.readString(audit)).contains("\"tool\":\"read\"");
        }
    }

    @Test
    void promptsOverStdio() throws Exception {
        Path serve = dir.resolve("serve.sh");
        Files.writeString(serve, "#!/bin/sh\nREAPER_HOME='" + home + "' exec '" + String.join("' '", reaper("mcp",
                "serve")) + "' 2>>'" + dir.resolve("server.err") + "'\n");
        serve.toFile().setExecutable(true);
        JsonNode explain = inspect(List.of(serve.toString()), "--method", "prompts/get", "--prompt-name", "explain",
                "--prompt-args", "path=a.py", "lines=2");
        assertThat(explain.at("/messages/0/content/text").asText()).startsWith("Explain a.py (lines 2)");
        assertThat(explain.at("/messages/1/content/text").asText()).contains("return a - b")
                .doesNotContain("def add");
    }
}
