package dev.reaper.mcp.protocol;

import java.util.List;

/** The MCP revision Reaper speaks, the older ones it accepts from a server, and the method names it uses. */
public final class Mcp {

    /** The revision Reaper asks for in {@code initialize}. */
    public static final String PROTOCOL_VERSION = "2025-11-25";

    /** Revisions a server may answer with; they differ in ways a tools-only client does not depend on. */
    public static final List<String> SUPPORTED = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

    /** The stateless revision, tried first where the transport allows (see {@code server/discover}). */
    public static final String STATELESS_VERSION = "2026-07-28";
    public static final String DISCOVER = "server/discover";
    /** The {@code _meta} keys that stand in for the handshake in the stateless revision. */
    public static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    public static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    public static final String META_CLIENT = "io.modelcontextprotocol/clientInfo";
    public static final String META_SERVER = "io.modelcontextprotocol/serverInfo";

    public static final String INITIALIZE = "initialize";
    public static final String INITIALIZED = "notifications/initialized";
    public static final String PING = "ping";
    public static final String CANCELLED = "notifications/cancelled";
    public static final String PROGRESS = "notifications/progress";
    public static final String MESSAGE = "notifications/message";
    public static final String TOOLS_LIST = "tools/list";
    public static final String TOOLS_CALL = "tools/call";
    public static final String TOOLS_CHANGED = "notifications/tools/list_changed";
    public static final String PROMPTS_CHANGED = "notifications/prompts/list_changed";
    public static final String ROOTS_LIST = "roots/list";
    public static final String RESOURCES_LIST = "resources/list";
    public static final String RESOURCES_READ = "resources/read";
    public static final String RESOURCES_TEMPLATES_LIST = "resources/templates/list";
    public static final String RESOURCES_SUBSCRIBE = "resources/subscribe";
    public static final String RESOURCES_UNSUBSCRIBE = "resources/unsubscribe";
    public static final String RESOURCES_UPDATED = "notifications/resources/updated";
    public static final String PROMPTS_LIST = "prompts/list";
    public static final String PROMPTS_GET = "prompts/get";
    public static final String COMPLETE = "completion/complete";
    public static final String SET_LEVEL = "logging/setLevel";
    public static final String SAMPLING = "sampling/createMessage";
    public static final String ELICIT = "elicitation/create";

    private Mcp() {}
}
