package dev.reaper.mcp.server;

import dev.reaper.json.Json;
import dev.reaper.mcp.protocol.JsonRpc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reaper as an MCP server: what it offers (tools, resources, prompts), its audit log and its name. Each client
 * gets a {@link ServerSession} from {@link #open}; the transports ({@link #serve} for stdio,
 * {@link StreamableHttpServer}, {@link WebSocketServer}) carry the messages.
 */
public final class McpServer {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int INVALID_PARAMS = ServerSession.INVALID_PARAMS;

    /** The longest message read from stdio; a longer one is dropped, with an error. */
    static final int MAX_MESSAGE = 16 << 20;

    /** How long calls still running when a connection ends may take to finish before they are cancelled. */
    static final Duration DRAIN = Duration.ofSeconds(10);

    /** What the server offers. */
    public record Features(ServedTools tools, ServedResources resources, ServedPrompts prompts) {
        public static Features tools(ServedTools tools) {
            return new Features(tools, ServedResources.NONE, ServedPrompts.NONE);
        }
    }

    private final Features features;
    private final AuditLog audit;
    private final String version;
    private final Optional<String> instructions;

    /**
     * @param version Reaper's version, sent as serverInfo
     * @param instructions what the server tells clients about itself at initialize, if anything
     */
    public McpServer(Features features, AuditLog audit, String version, String instructions) {
        this.features = features;
        this.audit = audit;
        this.version = version;
        this.instructions = Optional.ofNullable(instructions);
    }

    public McpServer(ServedTools tools, AuditLog audit, String version) {
        this(Features.tools(tools), audit, version, null);
    }

    Features features() {
        return features;
    }

    AuditLog audit() {
        return audit;
    }

    String name() {
        return "reaper";
    }

    String version() {
        return version;
    }

    Optional<String> instructions() {
        return instructions;
    }

    /** A new client's session; messages that answer no request go to {@code standalone}. */
    public ServerSession open(Channel standalone) {
        return new ServerSession(this, standalone);
    }

    /**
     * Serves one client over stdio (newline-delimited JSON-RPC; the output carries the protocol only) until the
     * input ends. Calls still running then get {@link #DRAIN} to finish (their answers are still written); after
     * that they are cancelled, and this returns.
     */
    public void serve(InputStream in, Writer out) throws IOException {
        Object lock = new Object();
        MessageStream stream = new MessageStream(this, message -> {
            String line = Json.write(message) + "\n";
            synchronized (lock) {
                out.write(line);
                out.flush();
            }
        });
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        char[] buf = new char[8192];
        try {
            int n;
            while ((n = reader.read(buf)) >= 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') {
                        continue;
                    }
                    tooLong = append(line, buf, from, i, tooLong);
                    if (tooLong) {
                        stream.refuse("Invalid request: a message may be at most " + (MAX_MESSAGE >> 20)
                                + " MiB; it was dropped");
                    } else if (!line.toString().isBlank()) {
                        stream.receive(line.toString());
                    }
                    line.setLength(0);
                    tooLong = false;
                    from = i + 1;
                }
                tooLong = append(line, buf, from, n, tooLong);
            }
            if (!tooLong && !line.toString().isBlank()) {
                stream.receive(line.toString());
            }
        } finally {
            stream.finish(DRAIN);
        }
    }

    /** Appends chars to a line unless it would pass {@link #MAX_MESSAGE}; whether the line is too long. */
    private static boolean append(StringBuilder line, char[] buf, int from, int to, boolean tooLong) {
        if (tooLong || line.length() + (to - from) > MAX_MESSAGE) {
            line.setLength(0);
            return true;
        }
        line.append(buf, from, to - from);
        return false;
    }

    /** The JSON-RPC error for a message that could not be read. */
    static com.fasterxml.jackson.databind.node.ObjectNode unreadable(String text, IllegalArgumentException e) {
        boolean json = Json.tryParse(text).isPresent();
        return JsonRpc.error(Json.MAPPER.nullNode(), json ? INVALID_REQUEST : PARSE_ERROR,
                (json ? "Invalid request: " : "Parse error: ") + e.getMessage());
    }
}
