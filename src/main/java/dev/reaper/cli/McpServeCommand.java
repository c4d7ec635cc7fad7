package dev.reaper.cli;

import dev.reaper.app.Reaper;
import dev.reaper.app.ServerTools;
import dev.reaper.app.UserInputException;
import dev.reaper.mcp.server.AuditLog;
import dev.reaper.mcp.server.McpServer;
import dev.reaper.policy.PermissionMode;
import dev.reaper.router.Version;
import dev.reaper.secret.Redactor;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code reaper mcp serve}: Reaper's workspace tools as an MCP server. */
@Command(name = "serve", description = {"Run Reaper as an MCP server: its workspace tools (read, write, edit,"
        + " apply_patch, glob, grep, list, repo_map, bash and the git_* tools) for other agents and editors,"
        + " over stdin/stdout (newline-delimited JSON-RPC, MCP 2025-11-25; older revisions accepted).",
        "Calls follow --permission-mode and the [permissions] rules of config.toml, as in a session; a call"
                + " that would need approval is denied (a server cannot ask), with how to allow it.",
        "Every tools/call is recorded as one JSON line (time, client, tool, arguments with secrets redacted,"
                + " result size, isError, duration) in mcp-audit.jsonl in Reaper's state folder; logs go to"
                + " reaper.log there, never to stdout.",
        "Example client entry: {\"command\": \"reaper\", \"args\": [\"mcp\", \"serve\"]}"})
final class McpServeCommand implements Callable<Integer> {

    @ParentCommand
    McpCommand mcp;

    @Option(names = "--permission-mode", paramLabel = "MODE", defaultValue = "default",
            description = "default (reads allowed; edits and commands denied), acceptEdits (edits allowed),"
                    + " plan (read-only) or bypassPermissions (all but what deny rules forbid)."
                    + " Default: ${DEFAULT-VALUE}.")
    String permissionMode;

    @Option(names = "--transport", paramLabel = "T", defaultValue = "stdio",
            description = "Only stdio for now (HTTP and WebSocket are not supported yet)."
                    + " Default: ${DEFAULT-VALUE}.")
    String transport;

    @Override
    public Integer call() throws IOException {
        if (!transport.equals("stdio")) {
            throw new UserInputException("--transport must be stdio (the only transport reaper mcp serve has"
                    + " for now), not " + transport);
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
            new McpServer(ServerTools.of(app, mode), audit, Version.get())
                    .serve(mcp.root.launch.stdin(), mcp.root.launch.out());
        }
        return ExitCodes.OK;
    }
}
