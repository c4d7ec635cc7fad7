package dev.reaper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reaper.app.Reaper;
import dev.reaper.app.UserInputException;
import dev.reaper.config.McpConfig;
import dev.reaper.json.Json;
import dev.reaper.mcp.McpFailure;
import dev.reaper.mcp.ToolResults;
import dev.reaper.mcp.client.Elicitation;
import dev.reaper.mcp.client.McpClient;
import dev.reaper.protocol.Cancellation;
import dev.reaper.secret.Redactor;
import dev.reaper.tools.ToolOutput;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code reaper mcp call SERVER TOOL} and {@code reaper mcp tools SERVER}: one MCP server used once, by its
 * configured name or its URL, from a script or a shell. Nobody is asked anything: a server's form (elicitation)
 * is accepted with its own defaults when it has them all, else declined. Exit codes: 0, 1 when the tool's result
 * is an error, 2 for bad usage, 6 when the server cannot be reached or answers with a protocol error.
 */
final class McpCallCommand {

    private McpCallCommand() {}

    /** The server and how to reach it, shared by the two commands. */
    static final class Target {

        @Parameters(index = "0", paramLabel = "SERVER", description = "A configured server's name, or the http(s)"
                + " URL of a Streamable HTTP server.")
        String server;

        @Option(names = {"-H", "--header"}, paramLabel = "\"K: V\"", description = "A header sent to a server given"
                + " by URL (an Authorization header, say).")
        List<String> headers = new ArrayList<>();

        @Option(names = "--json", description = "Print the server's result as JSON, as it came.")
        boolean json;

        @Option(names = "--elicitation", paramLabel = "ANSWER", defaultValue = "decline",
                description = "How a server's request for input (elicitation) is answered, with nobody to ask:"
                        + " decline, or defaults (accept the form's own defaults when they fill every required"
                        + " field, else decline). Default: ${DEFAULT-VALUE}.")
        String elicitation;

        Elicitation elicitation() {
            return switch (elicitation) {
                case "decline" -> Elicitation.DECLINE;
                case "defaults" -> Elicitation.DEFAULTS;
                default -> throw new UserInputException("--elicitation must be decline or defaults, not "
                        + elicitation);
            };
        }

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long the server may take to answer"
                + " (progress it reports extends it). Default: the server's tool_timeout_sec, else 120.")
        Integer timeout;

        McpConfig.Server resolve(Reaper app) {
            McpConfig.Server s = find(app);
            if (timeout == null) {
                return s;
            }
            if (timeout <= 0) {
                throw new UserInputException("--timeout must be a number of seconds above 0");
            }
            return new McpConfig.Server(s.name(), s.transport(), s.source(), s.startTimeout(),
                    Optional.of(java.time.Duration.ofSeconds(timeout)));
        }

        private McpConfig.Server find(Reaper app) {
            if (server.matches("https?://.+")) {
                Map<String, String> h = new LinkedHashMap<>();
                for (String header : headers) {
                    int at = header.indexOf(':');
                    if (at <= 0) {
                        throw new UserInputException("--header takes \"K: V\", not "
                                + header.replaceAll("(?<=.{3}).", "*"));
                    }
                    h.put(header.substring(0, at).strip(), header.substring(at + 1).strip());
                }
                return new McpConfig.Server(server, new McpConfig.Http(server, h, Optional.empty()),
                        "the command line");
            }
            if (!headers.isEmpty()) {
                throw new UserInputException("--header is for a server given by URL; a configured server has its"
                        + " headers in its configuration");
            }
            McpConfig config = app.mcpConfig();
            return config.servers().stream().filter(s -> s.name().equals(server)).findFirst()
                    .orElseThrow(() -> new UserInputException("no MCP server " + server + (config.servers().isEmpty()
                            ? " (none is configured; give a URL, or add one with reaper mcp add)"
                            : "; configured: " + String.join(", ", config.servers().stream()
                                    .map(McpConfig.Server::name).toList()) + " (or give a URL)")));
        }
    }

    /** Something one of the commands does with the open connection; its exit code. */
    interface Use {
        int with(McpClient client, PrintWriter out) throws McpFailure, McpClient.ErrorResponse;
    }

    static int run(McpCommand mcp, Target target, Use use) {
        PrintWriter out = mcp.out();
        PrintWriter err = mcp.root.launch.err();
        try (Reaper app = Reaper.boot(mcp.root.launch.env(), mcp.root.workingDirectory(),
                Clock.systemDefaultZone())) {
            Logging.configure(app.paths().logFile(), mcp.root.verbose, err);
            McpConfig.Server server = target.resolve(app);
            app.mcpServers().elicitation(target.elicitation());
            try (McpClient client = app.mcpServers().open(server)) {
                return use.with(client, out);
            } catch (McpFailure | McpClient.ErrorResponse e) {
                String message = e instanceof McpClient.ErrorResponse r
                        ? "MCP server " + server.name() + " answered with an error: " + r.getMessage()
                        : e.getMessage();
                err.println("reaper: " + Redactor.global().redact(message));
                return ExitCodes.SERVER;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    @Command(name = "call", description = {"Call one tool of an MCP server and print its result (text; images and"
            + " other content as a line saying what they were).",
            "  reaper mcp call everything get-sum --args '{\"a\":2,\"b\":3}'",
            "  reaper mcp call http://localhost:3001/mcp echo --arg message=hi",
            "Exit codes: 0 ok, 1 the tool's result is an error, 2 bad usage, 6 the server could not be reached or"
                    + " answered with a protocol error (a JSON-RPC error instead of a result)."})
    static final class Call implements Callable<Integer> {

        @ParentCommand
        McpCommand mcp;

        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Parameters(index = "1", paramLabel = "TOOL", description = "The tool's name, as the server lists it.")
        String tool;

        @Option(names = "--args", paramLabel = "JSON", description = "The arguments, as one JSON object.")
        String args;

        @Option(names = "--arg", paramLabel = "K=V", description = "One argument; V is read as JSON when it is"
                + " JSON (a number, true, an array...), else as a string. Added to --args.")
        List<String> arg = new ArrayList<>();

        @Override
        public Integer call() {
            ObjectNode arguments = arguments();
            return run(mcp, target, (client, out) -> {
                JsonNode result = client.callTool(tool, arguments, new Cancellation());
                ToolOutput output = ToolResults.output(result);
                out.println(target.json ? result.toPrettyString()
                        : output.text());
                return output.isError() ? ExitCodes.FAILED : ExitCodes.OK;
            });
        }

        ObjectNode arguments() {
            ObjectNode arguments = Json.object();
            if (args != null) {
                JsonNode given = Json.tryParse(args).orElseThrow(() -> new UserInputException(
                        "--args is not JSON: " + args));
                if (!given.isObject()) {
                    throw new UserInputException("--args must be a JSON object, e.g. --args '{\"a\": 1}'");
                }
                arguments.setAll((ObjectNode) given);
            }
            for (String a : arg) {
                int at = a.indexOf('=');
                if (at <= 0) {
                    throw new UserInputException("--arg takes K=V, not " + a);
                }
                String value = a.substring(at + 1);
                arguments.set(a.substring(0, at), Json.tryParse(value).filter(v -> !v.isTextual())
                        .orElseGet(() -> Json.MAPPER.getNodeFactory().textNode(value)));
            }
            return arguments;
        }
    }

    @Command(name = "tools", description = {"List the tools of one MCP server: name and description (--json: as"
            + " the server lists them, with their input schemas).",
            "  reaper mcp tools everything",
            "  reaper mcp tools https://example.com/mcp -H \"Authorization: Bearer $TOKEN\""})
    static final class Tools implements Callable<Integer> {

        @ParentCommand
        McpCommand mcp;

        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            return run(mcp, target, (client, out) -> {
                List<McpClient.ToolSpec> tools = client.listTools();
                if (target.json) {
                    var array = Json.array();
                    for (McpClient.ToolSpec t : tools) {
                        ObjectNode o = array.addObject();
                        o.put("name", t.name());
                        o.put("description", t.description());
                        o.set("inputSchema", t.inputSchema());
                    }
                    out.println(array.toPrettyString());
                    return ExitCodes.OK;
                }
                if (tools.isEmpty()) {
                    out.println("MCP server " + target.server + " has no tools.");
                    return ExitCodes.OK;
                }
                Table t = new Table("TOOL", "DESCRIPTION");
                for (McpClient.ToolSpec spec : tools) {
                    String d = spec.description().strip().lines().findFirst().orElse("");
                    t.add(spec.name(), d.length() > 100 ? d.substring(0, 99) + "…" : d);
                }
                t.print(out);
                return ExitCodes.OK;
            });
        }
    }
}
