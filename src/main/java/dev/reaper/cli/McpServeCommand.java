package dev.reaper.cli;

import dev.reaper.app.Reaper;
import dev.reaper.app.ServerFeatures;
import dev.reaper.app.UserInputException;
import dev.reaper.mcp.server.AuditLog;
import dev.reaper.mcp.server.HttpGuard;
import dev.reaper.mcp.server.McpServer;
import dev.reaper.mcp.server.StreamableHttpServer;
import dev.reaper.mcp.server.WebSocketServer;
import dev.reaper.protocol.Cancellation;
import dev.reaper.policy.PermissionMode;
import dev.reaper.router.Version;
import dev.reaper.secret.Redactor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code reaper mcp serve}: Reaper's workspace tools, files and task prompts as an MCP server. */
@Command(name = "serve", description = {"Run Reaper as an MCP server for other agents and editors: its workspace"
        + " tools (read, write, edit, apply_patch, glob, grep, list, repo_map, bash and the git_* tools), the"
        + " workspace's files as file:// resources, and prompts for its modes (explain, tests, review). MCP"
        + " 2025-11-25; older revisions accepted.",
        "Transports: stdio (the default: newline-delimited JSON-RPC on stdin/stdout); http (MCP's Streamable HTTP"
                + " on http://HOST:PORT/mcp); ws (Reaper's own WebSocket transport, not part of the MCP standard:"
                + " one JSON-RPC message per text frame on ws://HOST:PORT/mcp). The network transports bind"
                + " 127.0.0.1 unless --host says otherwise and print their URL on stderr; on the loopback they"
                + " answer only requests whose Host names it, and every browser Origin but the loopback's and"
                + " --allow-origin ones is refused (403). Bound beyond the loopback they need a bearer token,"
                + " read from the variable --token-env names (clients send Authorization: Bearer TOKEN; 401"
                + " without it); a token set on the loopback is required too.",
        "Calls follow --permission-mode and the [permissions] rules of config.toml, as in a session; a call"
                + " that would need approval is denied (a server cannot ask), with how to allow it.",
        "Every tools/call is recorded as one JSON line (time, client, tool, arguments with secrets redacted,"
                + " result size, isError, duration) in mcp-audit.jsonl in Reaper's state folder; logs go to"
                + " reaper.log there, never to stdout.",
        "Example client entries: {\"command\": \"reaper\", \"args\": [\"mcp\", \"serve\"]} or, with reaper mcp serve"
                + " --transport http running, {\"type\": \"http\", \"url\": \"http://127.0.0.1:7343/mcp\"}"})
final class McpServeCommand implements Callable<Integer> {

    static final int DEFAULT_PORT = 7343;

    @ParentCommand
    McpCommand mcp;

    @Option(names = "--permission-mode", paramLabel = "MODE", defaultValue = "default",
            description = "default (reads allowed; edits and commands denied), acceptEdits (edits allowed),"
                    + " plan (read-only) or bypassPermissions (all but what deny rules forbid)."
                    + " Default: ${DEFAULT-VALUE}.")
    String permissionMode;

    @Option(names = "--transport", paramLabel = "T", defaultValue = "stdio",
            description = "stdio, http or ws. Default: ${DEFAULT-VALUE}.")
    String transport;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address http and ws bind. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
            description = "The port http and ws listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "A browser origin allowed besides the loopback's, as https://app.example (repeatable).")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--token-env", paramLabel = "VAR", defaultValue = "REAPER_MCP_TOKEN",
            description = "The environment variable holding the bearer token http and ws require (when set, or"
                    + " always when bound beyond the loopback). Default: ${DEFAULT-VALUE}.")
    String tokenEnv;

    @Override
    public Integer call() throws IOException {
        if (!List.of("stdio", "http", "ws").contains(transport)) {
            throw new UserInputException("--transport must be stdio, http or ws, not " + transport);
        }
        PermissionMode mode;
        try {
            mode = PermissionMode.parse(permissionMode);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--permission-mode: " + e.getMessage());
        }
        try (Reaper app = Reaper.boot(mcp.root.launch.env(), mcp.root.workingDirectory(),
                Clock.systemDefaultZone())) {
            Logging.configure(app.paths().logFile(), mcp.root.verbose, mcp.root.launch.err());
            app.config().warnings().forEach(w -> Logger.getLogger(McpServeCommand.class.getName())
                    .warning("config: " + w));
            AuditLog audit = new AuditLog(app.paths().stateDir().resolve("mcp-audit.jsonl"),
                    Redactor.global()::redact, Clock.systemUTC());
            McpServer server = new McpServer(ServerFeatures.of(app, mode), audit, Version.get(),
                    ServerFeatures.INSTRUCTIONS);
            if (transport.equals("stdio")) {
                server.serve(mcp.root.launch.stdin(), mcp.root.launch.out());
                return ExitCodes.OK;
            }
            return listen(server);
        }
    }

    /** Serves http or ws until Ctrl-C. */
    private int listen(McpServer server) throws IOException {
        if (port < 0 || port > 65535) {
            throw new UserInputException("--port must be 0-65535, not " + port);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UserInputException("--host: unknown host " + host);
        }
        Optional<String> token = mcp.root.launch.env().get(tokenEnv).filter(t -> !t.isBlank());
        if (!address.isLoopbackAddress() && token.isEmpty()) {
            throw new UserInputException("--host " + host + " is beyond the loopback: set a bearer token in $"
                    + tokenEnv + " (clients send it as Authorization: Bearer TOKEN), or bind 127.0.0.1");
        }
        String literal = address.getHostAddress();
        HttpGuard guard = new HttpGuard(address.isLoopbackAddress(), token, allowedOrigins,
                List.of(literal, "[" + literal + "]", host));
        InetSocketAddress at = new InetSocketAddress(address, port);
        AutoCloseable listening;
        URI endpoint;
        try {
            if (transport.equals("http")) {
                StreamableHttpServer http = StreamableHttpServer.start(server, at, guard);
                listening = http;
                endpoint = http.endpoint();
            } else {
                WebSocketServer ws = WebSocketServer.start(server, at, guard);
                listening = ws;
                endpoint = ws.endpoint();
            }
        } catch (IOException e) {
            throw new UserInputException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + (port != 0 ? " (another port with --port, or 0 for a free one)" : ""));
        }
        mcp.root.launch.err().println("reaper mcp serve: listening on " + endpoint + (token.isPresent()
                ? " (bearer token required)" : "") + "; Ctrl-C stops");
        mcp.root.launch.err().flush();
        CountDownLatch stop = new CountDownLatch(1);
        Cancellation interrupted = new Cancellation();
        interrupted.onCancel(stop::countDown);
        Interrupts.install();
        Interrupts.track(interrupted);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Interrupts.untrack(interrupted);
            try {
                listening.close();
            } catch (Exception e) {
                Logger.getLogger(McpServeCommand.class.getName()).fine("closing: " + e);
            }
        }
        return ExitCodes.OK;
    }
}
