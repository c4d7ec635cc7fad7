package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reaper mcp serve} through the whole CLI, in-process: its options, help and protocol-only stdout. */
class McpServeCliTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"cli-test\"}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";

    @Test
    void servesOverStdinAndStdoutWithOnlyProtocolOnStdout() throws Exception {
        Files.writeString(work.resolve("a.txt"), "served text\n");
        CliRun.Result r = new CliRun(home, work).stdin(INIT
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"read\","
                + "\"arguments\":{\"path\":\"a.txt\"}}}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"write\","
                + "\"arguments\":{\"path\":\"b.txt\",\"content\":\"api_key=sk-live-abcdef0123456789abcdef\"}}}\n")
                .run("mcp", "serve", "--permission-mode", "acceptEdits");

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode init = Json.parse(lines.get(0));
        assertThat(init.at("/result/protocolVersion").asText()).isEqualTo("2025-06-18");
        JsonNode read = lines.stream().map(Json::parse).filter(l -> l.path("id").asInt() == 2).findFirst().orElseThrow();
        assertThat(read.at("/result/content/0/text").asText()).contains("served text");
        assertThat(work.resolve("b.txt")).exists();
        List<String> audit = Files.readAllLines(findAudit());
        assertThat(audit).hasSize(2);
        assertThat(audit).allSatisfy(l -> assertThat(l).contains("\"client\":\"cli-test\""))
                .anySatisfy(l -> assertThat(l).contains("\"tool\":\"read\""))
                .anySatisfy(l -> assertThat(l).contains("\"tool\":\"write\"", "[REDACTED]"))
                .noneSatisfy(l -> assertThat(l).contains("sk-live"));
    }

    private Path findAudit() throws Exception {
        try (var files = Files.walk(home)) {
            return files.filter(f -> f.getFileName().toString().equals("mcp-audit.jsonl")).findFirst()
                    .orElseThrow(() -> new AssertionError("no mcp-audit.jsonl under " + home));
        }
    }

    @Test
    void unknownTransportsModesAndUnsafeBindsAreRefused() {
        CliRun.Result sse = new CliRun(home, work).stdin("").run("mcp", "serve", "--transport", "sse");
        assertThat(sse.exitCode()).isEqualTo(2);
        assertThat(sse.err()).contains("--transport must be stdio, http or ws");
        CliRun.Result open = new CliRun(home, work).stdin("").run("mcp", "serve", "--transport", "http", "--host",
                "0.0.0.0", "--port", "0");
        assertThat(open.exitCode()).isEqualTo(2);
        assertThat(open.err()).contains("beyond the loopback").contains("REAPER_MCP_TOKEN");
        CliRun.Result mode = new CliRun(home, work).stdin("").run("mcp", "serve", "--permission-mode", "yolo");
        assertThat(mode.exitCode()).isNotZero();
        assertThat(mode.err()).contains("unknown permission mode 'yolo'");
    }

    @Test
    void helpDocumentsTheAuditLogAndTheTransport() {
        CliRun.Result help = new CliRun(home, work).run("mcp", "serve", "--help");
        assertThat(help.out()).contains("mcp-audit.jsonl", "--permission-mode", "--transport", "Streamable HTTP",
                "WebSocket", "--token-env", "--allow-origin");
    }
}
