package dev.reaper.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.mcp.client.Elicitation;
import dev.reaper.mcp.client.McpClient;
import dev.reaper.mcp.client.StdioTransport;
import dev.reaper.protocol.Cancellation;
import dev.reaper.testing.Peers;
import dev.reaper.tools.ToolOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the reference servers (server-everything, server-filesystem) over stdio, and against
 * small fake servers that misbehave: a line that is not JSON-RPC, no answer at all.
 */
class McpClientTest {

    static final McpClient.Timeouts QUICK = new McpClient.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30));

    @TempDir
    Path root;

    final List<McpClient> clients = new ArrayList<>();
    final List<StdioTransport> transports = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(McpClient::close);
    }

    McpClient connect(String name, McpClient.Timeouts timeouts, String... command) throws McpFailure {
        StdioTransport t = StdioTransport.launch(name, List.of(command), root, System.getenv(), Duration.ofMillis(500));
        transports.add(t);
        McpClient c = new McpClient(name, t, root, timeouts);
        clients.add(c);
        return c;
    }

    McpClient everything() throws McpFailure {
        McpClient c = connect("everything", QUICK, Peers.program("mcp-server-everything").toString());
        c.initialize("test");
        return c;
    }

    static JsonNode args(String json) {
        return Json.parse(json);
    }

    @Test
    void everythingInitializesAndListsItsTools() throws Exception {
        McpClient c = everything();

        assertThat(c.serverInfo().protocolVersion()).isEqualTo("2025-11-25");
        assertThat(c.serverInfo().name()).isEqualTo("mcp-servers/everything");
        List<String> names = c.listTools().stream().map(McpClient.ToolSpec::name).toList();
        assertThat(names).contains("echo", "get-sum", "get-structured-content", "trigger-long-running-operation");
        McpClient.ToolSpec echo = c.tools().stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
        assertThat(echo.description()).isEqualTo("Echoes back the input string");
        assertThat(echo.inputSchema().path("required").toString()).isEqualTo("[\"message\"]");
    }

    @Test
    void everythingsToolsAnswerAsTextForTheModel() throws Exception {
        McpClient c = everything();
        Cancellation none = new Cancellation();

        assertThat(ToolResults.output(c.callTool("echo", args("{\"message\":\"hello\"}"), none)))
                .isEqualTo(ToolOutput.ok("Echo: hello"));
        assertThat(ToolResults.output(c.callTool("get-sum", args("{\"a\":2,\"b\":3}"), none)).text())
                .contains("5");
        JsonNode structured = c.callTool("get-structured-content", args("{\"location\":\"New York\"}"), none);
        assertThat(structured.path("structuredContent").has("temperature")).isTrue();
        assertThat(ToolResults.output(structured).text()).contains("temperature");
    }

    @Test
    void aToolCallWithBadArgumentsIsAnErrorResultNotACrash() throws Exception {
        McpClient c = everything();

        ToolOutput out = ToolResults.output(c.callTool("get-sum", args("{\"a\":\"two\"}"), new Cancellation()));

        assertThat(out.isError()).isTrue();
        assertThat(out.text()).isNotBlank();
        assertThat(c.failure()).isEmpty(); // the connection is still usable
        assertThat(ToolResults.output(c.callTool("echo", args("{\"message\":\"still here\"}"), new Cancellation())))
                .isEqualTo(ToolOutput.ok("Echo: still here"));
    }

    @Test
    void elicitationIsOfferedAndAnsweredByTheHandler() throws Exception {
        Path program = Peers.program("mcp-server-everything");
        List<String> asked = new ArrayList<>();
        Elicitation withName = (server, message, schema) -> {
            asked.add(server + ": " + message);
            ObjectNode content = Elicitation.defaults(Json.parse("{\"properties\":" + schema.path("properties")
                    + "}")).orElseThrow();
            content.put("name", "Ada");
            return new Elicitation.Accept(content);
        };
        McpClient asking = new McpClient("everything", StdioTransport.launch("everything", List.of(program.toString()),
                root, System.getenv(), Duration.ofMillis(500)), root, QUICK, Optional.of(withName));
        McpClient defaults = new McpClient("everything", StdioTransport.launch("everything",
                List.of(program.toString()), root, System.getenv(), Duration.ofMillis(500)), root, QUICK,
                Optional.of(Elicitation.DEFAULTS));
        clients.add(asking);
        clients.add(defaults);
        asking.initialize("test");
        defaults.initialize("test");

        assertThat(asking.listTools()).extracting(McpClient.ToolSpec::name).contains("trigger-elicitation-request");
        String accepted = ToolResults.output(asking.callTool("trigger-elicitation-request", Json.object(),
                new Cancellation())).text();
        String declined = ToolResults.output(defaults.callTool("trigger-elicitation-request", Json.object(),
                new Cancellation())).text();

        assertThat(asked).hasSize(1);
        assertThat(accepted).contains("User provided the requested information", "Ada", "Monica");
        assertThat(declined).contains("User declined");
        assertThat(everything().listTools()).extracting(McpClient.ToolSpec::name)
                .doesNotContain("trigger-elicitation-request"); // not offered to a client without a handler
    }

    @Test
    void everythingsPromptsAreListedAndFilledIn() throws Exception {
        McpClient c = everything();

        assertThat(c.offersPrompts()).isTrue();
        List<McpClient.PromptSpec> prompts = c.listPrompts();
        assertThat(prompts).extracting(McpClient.PromptSpec::name).contains("simple-prompt", "args-prompt",
                "resource-prompt");
        McpClient.PromptSpec args = prompts.stream().filter(p -> p.name().equals("args-prompt")).findFirst()
                .orElseThrow();
        assertThat(args.arguments()).extracting(McpClient.PromptArgument::name, McpClient.PromptArgument::required)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("city", true),
                        org.assertj.core.groups.Tuple.tuple("state", false));

        Cancellation none = new Cancellation();
        assertThat(PromptMessages.render(c.getPrompt("simple-prompt", java.util.Map.of(), none)))
                .isEqualTo(new PromptMessages.Rendered("This is a simple prompt without arguments.", List.of()));
        assertThat(PromptMessages.render(c.getPrompt("args-prompt", java.util.Map.of("city", "Paris",
                "state", "Texas"), none)).text()).isEqualTo("What's weather in Paris, Texas?");
        String embedded = PromptMessages.render(c.getPrompt("resource-prompt", java.util.Map.of("resourceType",
                "Text", "resourceId", "1"), none)).text();
        assertThat(embedded).contains("[resource demo://resource/dynamic/text/1]");
        assertThatThrownBy(() -> c.getPrompt("no-such-prompt", java.util.Map.of(), none))
                .isInstanceOf(McpClient.ErrorResponse.class);
    }

    @Test
    void resourceTemplatesAreListedAndASubscribedResourcesUpdatesHeard() throws Exception {
        McpClient c = everything();
        List<String> updated = java.util.Collections.synchronizedList(new ArrayList<>());
        c.onResourceUpdated(updated::add);

        assertThat(c.listResourceTemplates(new Cancellation())).extracting(McpClient.TemplateSpec::uriTemplate)
                .contains("demo://resource/dynamic/text/{resourceId}");
        assertThat(c.offersSubscriptions()).isTrue();
        String uri = "demo://resource/dynamic/text/1";
        c.subscribe(uri, new Cancellation());
        c.callTool("toggle-subscriber-updates", Json.object(), new Cancellation());

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (updated.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(updated).first().isEqualTo(uri);
        c.unsubscribe(uri, new Cancellation());
    }

    @Test
    void aServersLogMessagesGoToReapersLog() throws Exception {
        List<String> logged = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(McpClient.class.getName());
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        try {
            McpClient c = everything();
            c.callTool("toggle-simulated-logging", Json.object(), new Cancellation());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (logged.stream().noneMatch(l -> l.contains("mcp everything (")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            log.removeHandler(h);
        }
        assertThat(logged).anyMatch(l -> l.matches("(?s)(FINE|INFO|WARNING) mcp everything \\((debug|info|notice|"
                + "warning|error|critical|alert|emergency)\\): .+"));
    }

    @Test
    void aLongRunningToolReportsProgressAndFinishes() throws Exception {
        McpClient c = everything();

        JsonNode r = c.callTool("trigger-long-running-operation", args("{\"duration\":1,\"steps\":2}"),
                new Cancellation());

        assertThat(ToolResults.output(r).text()).contains("Long running operation completed");
    }

    @Test
    void filesystemReadsInsideItsRootAndRefusesOutside() throws Exception {
        Files.writeString(root.resolve("note.txt"), "remember the milk\n");
        McpClient c = connect("fs", QUICK, Peers.program("mcp-server-filesystem").toString(), root.toString());
        c.initialize("test");
        c.listTools();

        Cancellation none = new Cancellation();
        String real = root.toRealPath().toString();
        assertThat(ToolResults.output(c.callTool("list_directory", args("{\"path\":\"" + real + "\"}"), none)).text())
                .contains("[FILE] note.txt");
        assertThat(ToolResults.output(c.callTool("read_text_file",
                args("{\"path\":\"" + real + "/note.txt\"}"), none)).text()).contains("remember the milk");
        ToolOutput outside = ToolResults.output(c.callTool("read_text_file", args("{\"path\":\"/etc/hostname\"}"),
                none));
        assertThat(outside.isError()).isTrue();
        assertThat(outside.text()).contains("Access denied");
    }

    @Test
    void aLineThatIsNotJsonRpcIsAClearErrorWithoutAHang() throws Exception {
        Path script = root.resolve("bad-server.sh");
        Files.writeString(script, "#!/bin/bash\nread line\necho 'Starting up... done'\nsleep 30\n");
        script.toFile().setExecutable(true);
        McpClient c = connect("bad", QUICK, script.toString());

        long start = System.nanoTime();
        assertThatThrownBy(() -> c.initialize("test")).isInstanceOf(McpFailure.class)
                .hasMessageContaining("MCP server bad sent something that is not a JSON-RPC message")
                .hasMessageContaining("not JSON: Starting up... done");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aMessageOverTheLimitIsAClearErrorWithoutFillingMemory() throws Exception {
        Path script = root.resolve("huge-server.sh");
        Files.writeString(script, "#!/bin/bash\nread line\nhead -c 3000000 /dev/zero | tr '\\0' x\nsleep 30\n");
        script.toFile().setExecutable(true);
        StdioTransport t = StdioTransport.launch("huge", List.of(script.toString()), root, System.getenv(),
                Duration.ofMillis(500), 1024 * 1024);
        McpClient c = new McpClient("huge", t, root, QUICK);
        clients.add(c);

        long start = System.nanoTime();
        assertThatThrownBy(() -> c.initialize("test")).isInstanceOf(McpFailure.class)
                .hasMessage("MCP server huge sent too long a message (a message is longer than 1048576 characters), so"
                        + " Reaper stopped using it");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndIsKilled() throws Exception {
        McpClient c = connect("mute", new McpClient.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                "sleep", "600");
        ProcessHandle process = ProcessHandle.of(transports.get(0).pid()).orElseThrow();

        assertThatThrownBy(() -> c.initialize("test")).isInstanceOf(McpFailure.class)
                .hasMessage("MCP server mute did not answer initialize within 1 s");
        c.close();
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void aServerSpeakingARevisionReaperDoesNotIsRefused() throws Exception {
        Peers.require("node");
        Path script = root.resolve("future-server.js");
        Files.writeString(script, """
                require('readline').createInterface({input: process.stdin}).on('line', line => {
                  const m = JSON.parse(line);
                  if (m.method === 'initialize') process.stdout.write(JSON.stringify({jsonrpc: '2.0', id: m.id,
                    result: {protocolVersion: '2099-01-01', capabilities: {},
                             serverInfo: {name: 'f', version: '1'}}}) + '\\n');
                });
                """);
        McpClient c = connect("future", QUICK, "node", script.toString());

        assertThatThrownBy(() -> c.initialize("test")).isInstanceOf(McpFailure.class)
                .hasMessage("MCP server future speaks protocol revision \"2099-01-01\", which Reaper does not (it"
                        + " speaks 2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05)");
    }

    @Test
    void aServerThatExitsSaysSoWithItsLastWords() throws Exception {
        McpClient c = connect("dies", QUICK, "bash", "-c", "echo 'cannot open database' >&2; exit 3");

        assertThatThrownBy(() -> c.initialize("test")).isInstanceOf(McpFailure.class)
                .hasMessage("MCP server dies exited (code 3): cannot open database");
    }

    @Test
    void closingLeavesNoProcessBehind() throws Exception {
        McpClient c = everything();
        ProcessHandle process = ProcessHandle.of(transports.get(0).pid()).orElseThrow();
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process);

        c.close();

        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThatThrownBy(() -> c.callTool("echo", args("{\"message\":\"x\"}"), new Cancellation()))
                .isInstanceOf(McpFailure.class).hasMessageContaining("was stopped");
    }

    @Test
    void theServersRequestsAreAnswered() throws Exception {
        // a node script asks Reaper for ping, roots/list and an unknown method, then echoes the answers back as
        // the initialize result's instructions
        Path script = root.resolve("asking-server.js");
        Files.writeString(script, """
                const rl = require('readline').createInterface({input: process.stdin});
                const answers = []; let init = null;
                const send = m => process.stdout.write(JSON.stringify(m) + '\\n');
                rl.on('line', line => {
                  const m = JSON.parse(line);
                  if (m.method === 'initialize') {
                    init = m.id;
                    send({jsonrpc: '2.0', id: 'a', method: 'ping'});
                    send({jsonrpc: '2.0', id: 'b', method: 'roots/list'});
                    send({jsonrpc: '2.0', id: 'c', method: 'sampling/createMessage', params: {}});
                  } else if (m.id !== undefined && !m.method) {
                    answers.push(m);
                    if (answers.length === 3) {
                      send({jsonrpc: '2.0', id: init, result: {protocolVersion: '2025-06-18', capabilities: {},
                        serverInfo: {name: 'asker', version: '1'}, instructions: JSON.stringify(answers)}});
                    }
                  }
                });
                """);
        Peers.require("node");
        McpClient c = connect("asker", QUICK, "node", script.toString());

        McpClient.ServerInfo info = c.initialize("test");

        assertThat(info.protocolVersion()).isEqualTo("2025-06-18");
        JsonNode answers = Json.parse(info.instructions().orElseThrow());
        assertThat(answers.get(0).toString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}");
        assertThat(answers.get(1).path("result").path("roots").get(0).path("uri").asText())
                .isEqualTo(root.toUri().toString().replaceFirst("/$", ""));
        assertThat(answers.get(2).path("error").path("code").asInt()).isEqualTo(-32601);
    }

    /**
     * A node server with two pages of tools, whose third tool appears when "change" or "first" is called, whose
     * "slow" tool never answers, and which writes the cancellations it gets to a file.
     */
    static Path pagingScript(Path dir, Path cancellations) throws Exception {
        Peers.require("node");
        Path script = dir.resolve("paging-server.js");
        Files.writeString(script, """
                const fs = require('fs');
                const rl = require('readline').createInterface({input: process.stdin});
                const send = m => process.stdout.write(JSON.stringify(m) + '\\n');
                const tool = name => ({name, description: 'tool ' + name, inputSchema: {type: 'object'}});
                let extra = false;
                rl.on('line', line => {
                  const m = JSON.parse(line);
                  if (m.method === 'initialize') {
                    send({jsonrpc: '2.0', id: m.id, result: {protocolVersion: '2025-11-25',
                      capabilities: {tools: {listChanged: true}}, serverInfo: {name: 'pager', version: '1'}}});
                  } else if (m.method === 'tools/list') {
                    const page = m.params.cursor === 'page-2'
                      ? {tools: [tool('second')].concat(extra ? [tool('third')] : [])}
                      : {tools: [tool('first')], nextCursor: 'page-2'};
                    send({jsonrpc: '2.0', id: m.id, result: page});
                  } else if (m.method === 'tools/call' && ['change', 'first'].includes(m.params.name)) {
                    extra = true;
                    send({jsonrpc: '2.0', method: 'notifications/tools/list_changed'});
                    send({jsonrpc: '2.0', id: m.id, result: {content: [{type: 'text', text: 'changed'}]}});
                  } else if (m.method === 'server/discover') {
                    send({jsonrpc: '2.0', id: m.id, error: {code: -32601, message: 'Method not found'}});
                  } else if (m.method === 'notifications/cancelled') {
                    fs.appendFileSync(%s, JSON.stringify(m.params) + '\\n');
                  }
                });
                """.formatted(Json.write(Json.MAPPER.valueToTree(cancellations.toString()))));
        return script;
    }

    McpClient pagingServer(Path cancellations) throws Exception {
        Path script = pagingScript(root, cancellations);
        McpClient c = connect("pager", new McpClient.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(2)),
                "node", script.toString());
        c.initialize("test");
        return c;
    }

    @Test
    void toolsAreListedAcrossPagesAndRefetchedWhenTheServerSaysTheyChanged() throws Exception {
        McpClient c = pagingServer(root.resolve("cancelled.log"));

        assertThat(c.listTools()).extracting(McpClient.ToolSpec::name).containsExactly("first", "second");
        assertThat(ToolResults.output(c.callTool("change", Json.object(), new Cancellation())).text())
                .isEqualTo("changed");

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (c.tools().size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(c.tools()).extracting(McpClient.ToolSpec::name).containsExactly("first", "second", "third");
    }

    @Test
    void aCancelledOrTimedOutCallIsCancelledOnTheServerToo() throws Exception {
        Path log = root.resolve("cancelled.log");
        McpClient c = pagingServer(log);
        Cancellation cancel = new Cancellation();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            cancel.cancel();
        });

        assertThatThrownBy(() -> c.callTool("slow", Json.object(), cancel)).hasMessage("interrupted");
        assertThatThrownBy(() -> c.callTool("slow", Json.object(), new Cancellation()))
                .hasMessage("MCP server pager did not answer tools/call within 2 s");

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((!Files.exists(log) || Files.readAllLines(log).size() < 2) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(2);
        assertThat(Json.parse(lines.get(0)).path("reason").asText()).isEqualTo("the turn was cancelled");
        assertThat(Json.parse(lines.get(1)).path("reason").asText()).isEqualTo("timed out");
        assertThat(Json.parse(lines.get(0)).path("requestId").asLong())
                .isLessThan(Json.parse(lines.get(1)).path("requestId").asLong());
        assertThat(c.failure()).isEmpty();
    }
}
