package dev.reaper.cli;

import dev.reaper.app.Reaper;
import dev.reaper.app.UserInputException;
import dev.reaper.config.McpConfig;
import dev.reaper.config.McpJsonFile;
import dev.reaper.config.Paths;
import dev.reaper.config.WorkspaceTrust;
import dev.reaper.context.Workspace;
import dev.reaper.mcp.McpServers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code reaper mcp list|add|remove}: the MCP servers whose tools sessions get; {@code reaper mcp serve}: Reaper
 * as an MCP server. {@code add} and {@code remove}
 * write Claude Code's JSON format: the workspace's {@code .mcp.json} (scope project) or {@code mcp.json} in
 * Reaper's config folder (scope user). Servers set in config.toml's {@code [mcp_servers]} are listed, and are
 * changed by editing that file.
 */
@Command(name = "mcp", description = {"List, add or remove MCP servers: their tools join every session as"
        + " mcp__SERVER__TOOL, asking for approval unless a rule allows them (e.g. allow = [\"mcp__fs\"]).",
        "'reaper mcp tools SERVER' lists one server's tools, 'reaper mcp call SERVER TOOL' calls one (SERVER: a"
                + " configured name or a URL).",
        "Read from the user's mcp.json, config.toml's [mcp_servers.NAME] and the workspace's .mcp.json (trusted"
                + " workspaces only).",
        "reaper mcp serve runs Reaper itself as an MCP server (stdio, HTTP or WebSocket)."},
        subcommands = {McpCommand.ListServers.class, McpCommand.Add.class, McpCommand.Remove.class,
                McpServeCommand.class, McpCallCommand.Call.class, McpCallCommand.Tools.class})
public final class McpCommand {

    @ParentCommand
    RootCommand root;

    Path workspaceRoot() {
        return Workspace.detect(root.workingDirectory()).root();
    }

    McpJsonFile file(String scope) {
        return switch (scope) {
            case "project" -> new McpJsonFile(workspaceRoot().resolve(".mcp.json"));
            case "user" -> new McpJsonFile(Paths.from(root.launch.env()).configDir().resolve("mcp.json"));
            default -> throw new UserInputException("--scope must be project or user, not " + scope);
        };
    }

    PrintWriter out() {
        return root.launch.out();
    }

    @Command(name = "list", description = "List the servers; each is started to count its tools, unless --no-start.")
    static final class ListServers implements Callable<Integer> {

        @ParentCommand
        McpCommand mcp;

        @Option(names = "--no-start", description = "Do not start the servers: show only what is configured.")
        boolean noStart;

        @Override
        public Integer call() {
            PrintWriter out = mcp.out();
            try (Reaper app = Reaper.boot(mcp.root.launch.env(), mcp.root.workingDirectory(),
                    Clock.systemDefaultZone())) {
                McpConfig config = app.mcpConfig();
                config.warnings().forEach(w -> out.println("warning: " + w));
                if (config.servers().isEmpty()) {
                    out.println("No MCP servers. Add one with: reaper mcp add NAME -- COMMAND [ARGS...]");
                    out.flush();
                    return ExitCodes.OK;
                }
                Table t = noStart ? new Table("NAME", "TRANSPORT", "SERVER", "FROM")
                        : new Table("NAME", "TRANSPORT", "SERVER", "FROM", "STATUS");
                List<McpServers.Status> statuses = noStart ? List.of() : app.mcpServers().statuses();
                for (int i = 0; i < config.servers().size(); i++) {
                    McpConfig.Server s = config.servers().get(i);
                    if (noStart) {
                        t.add(s.name(), s.transport().name(), s.transport(), s.source());
                    } else {
                        McpServers.Status st = statuses.get(i);
                        t.add(s.name(), s.transport().name(), s.transport(), s.source(), st.failure()
                                .map(f -> "failed: " + f).orElseGet(() -> "ok, " + st.tools().orElse(0) + " tools"));
                    }
                }
                t.print(out);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", description = {"Add a server (or replace the one of that name).",
            "  reaper mcp add NAME [--env K=V]... -- COMMAND [ARGS...]",
            "  reaper mcp add --transport http NAME URL [--header \"K: V\"]..."})
    static final class Add implements Callable<Integer> {

        @ParentCommand
        McpCommand mcp;

        @Option(names = "--transport", paramLabel = "T", defaultValue = "stdio",
                description = "stdio (a program Reaper starts) or http. Default: ${DEFAULT-VALUE}.")
        String transport;

        @Option(names = "--scope", paramLabel = "S", defaultValue = "project",
                description = "project (the workspace's .mcp.json) or user (mcp.json in Reaper's config folder)."
                        + " Default: ${DEFAULT-VALUE}.")
        String scope;

        @Option(names = {"-e", "--env"}, paramLabel = "K=V", description = "A variable the server runs with.")
        List<String> env = new ArrayList<>();

        @Option(names = {"-H", "--header"}, paramLabel = "\"K: V\"", description = "A header sent to an HTTP server.")
        List<String> headers = new ArrayList<>();

        @Parameters(index = "0", paramLabel = "NAME", description = "The server's name (letters, digits, _ and -).")
        String name;

        @Parameters(index = "1..*", paramLabel = "COMMAND|URL", description = "The program and its arguments"
                + " (after --), or the URL of an HTTP server.")
        List<String> rest = new ArrayList<>();

        @Override
        public Integer call() {
            McpJsonFile file = mcp.file(scope);
            McpConfig.Transport t = switch (transport) {
                case "stdio" -> {
                    if (rest.isEmpty()) {
                        throw new UserInputException("give the server's command after --, e.g. reaper mcp add "
                                + name + " -- npx -y @modelcontextprotocol/server-filesystem .");
                    }
                    if (!headers.isEmpty()) {
                        throw new UserInputException("--header is for --transport http");
                    }
                    yield new McpConfig.Stdio(rest, pairs(env, "=", "--env"));
                }
                case "http" -> {
                    if (rest.size() != 1 || !rest.get(0).matches("https?://.+")) {
                        throw new UserInputException("give the server's URL, e.g. reaper mcp add --transport http "
                                + name + " https://example.com/mcp");
                    }
                    if (!env.isEmpty()) {
                        throw new UserInputException("--env is for --transport stdio");
                    }
                    yield new McpConfig.Http(rest.get(0), pairs(headers, ":", "--header"), Optional.empty());
                }
                default -> throw new UserInputException("--transport must be stdio or http, not " + transport);
            };
            boolean replaced = file.has(name);
            file.put(name, t);
            PrintWriter out = mcp.out();
            out.println((replaced ? "Replaced " : "Added ") + t.name() + " MCP server " + name + " (" + t + ") in "
                    + file.file());
            if (scope.equals("project") && !new WorkspaceTrust(Paths.from(mcp.root.launch.env()).stateDir())
                    .isTrusted(mcp.workspaceRoot())) {
                out.println("This workspace is not trusted, so its .mcp.json is not used until you run 'reaper trust'"
                        + " (or add the server with --scope user).");
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static Map<String, String> pairs(List<String> given, String separator, String option) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String g : given) {
                int at = g.indexOf(separator);
                if (at <= 0) {
                    throw new UserInputException(option + " takes " + (separator.equals("=") ? "K=V" : "\"K: V\"")
                            + ", not " + g.replaceAll("(?<=.{3}).", "*"));
                }
                out.put(g.substring(0, at).strip(), g.substring(at + 1).strip());
            }
            return out;
        }
    }

    @Command(name = "remove", description = "Remove a server from .mcp.json or the user's mcp.json.")
    static final class Remove implements Callable<Integer> {

        @ParentCommand
        McpCommand mcp;

        @Option(names = "--scope", paramLabel = "S",
                description = "project or user; without it, from whichever file has it.")
        String scope;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            List<McpJsonFile> files = scope == null ? List.of(mcp.file("project"), mcp.file("user"))
                    : List.of(mcp.file(scope));
            List<Path> removed = new ArrayList<>();
            for (McpJsonFile f : files) {
                if (f.remove(name)) {
                    removed.add(f.file());
                }
            }
            if (removed.isEmpty()) {
                throw new UserInputException("no MCP server " + name + " in " + String.join(" or ",
                        files.stream().map(f -> f.file().toString()).toList())
                        + " (servers in config.toml's [mcp_servers] are removed by editing it)");
            }
            removed.forEach(f -> mcp.out().println("Removed MCP server " + name + " from " + f));
            mcp.out().flush();
            return ExitCodes.OK;
        }
    }
}
