package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.testing.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reaper mcp serve} driven by the reference client, the MCP Inspector CLI (v1), over stdio: the server
 * runs in its own JVM from this test's class path.
 */
class McpServeInspectorTest {

    @TempDir
    Path dir;

    Path inspector;
    Path work;
    Path home;
    Path server;

    @BeforeEach
    void setUp() throws Exception {
        inspector = Peers.program("mcp-inspector-cli");
        // the inspector reads ../package.json relative to its working directory
        Files.writeString(dir.resolve("package.json"), "{\"name\":\"w\",\"version\":\"0.0.0\"}");
        work = Files.createDirectories(dir.resolve("w"));
        home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(work.resolve("a.txt"), "hello inspector\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        server = dir.resolve("serve.sh");
        Files.writeString(server, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.reaper.cli.Main mcp serve \"$@\" 2>>'" + dir.resolve("server.err") + "'\n");
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private JsonNode inspect(String... method) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(inspector.toString(), "--cli", server.toString(),
                "-e", "REAPER_HOME=" + home));
        cmd.addAll(List.of(method));
        Process p = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectError(dir.resolve("inspector.err").toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out + Files.readString(dir.resolve("inspector.err"))
                + (Files.exists(dir.resolve("server.err")) ? Files.readString(dir.resolve("server.err")) : ""))
                .isZero();
        return Json.parse(out);
    }

    @Test
    void listsTheTools() throws Exception {
        JsonNode r = inspect("--method", "tools/list");
        List<String> names = new ArrayList<>();
        r.path("tools").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).contains("read", "write", "edit", "grep", "bash", "git_status", "repo_map");
    }

    @Test
    void readsAFileAndRecordsTheCall() throws Exception {
        JsonNode r = inspect("--method", "tools/call", "--tool-name", "read", "--tool-arg", "path=a.txt");
        assertThat(r.path("isError").asBoolean()).isFalse();
        assertThat(r.at("/content/0/text").asText()).contains("hello inspector");
        try (var files = Files.walk(home)) {
            Path audit = files.filter(f -> f.getFileName().toString().equals("mcp-audit.jsonl")).findFirst()
                    .orElseThrow(() -> new AssertionError("no mcp-audit.jsonl under " + home));
            JsonNode line = Json.parse(Files.readAllLines(audit).get(0));
            assertThat(line.path("client").asText()).isEqualTo("inspector-cli");
            assertThat(line.path("tool").asText()).isEqualTo("read");
        }
    }

    @Test
    void deniesAWriteInTheDefaultMode() throws Exception {
        JsonNode r = inspect("--method", "tools/call", "--tool-name", "write", "--tool-arg", "path=b.txt",
                "content=x");
        assertThat(r.path("isError").asBoolean()).isTrue();
        assertThat(work.resolve("b.txt")).doesNotExist();
    }
}
