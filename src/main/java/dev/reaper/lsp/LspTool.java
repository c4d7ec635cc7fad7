package dev.reaper.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.policy.ToolKind;
import dev.reaper.policy.WorkspaceBoundary;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import dev.reaper.tools.ToolResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;

/**
 * What the language-server tools share: they only read; paths are resolved inside the workspace as the
 * read tool does; the file is synced to its server before the question; positions are 1-based in the
 * tool API and 0-based on the wire; a server's failure becomes a {@link ToolFailure} for the model.
 */
abstract class LspTool implements Tool {

    final LanguageServers servers;
    private final String name;
    private final String description;
    private final String schema;

    LspTool(String name, LanguageServers servers) {
        this.name = name;
        this.servers = servers;
        this.description = ToolResources.description(LspTool.class, name);
        this.schema = ToolResources.schema(LspTool.class, name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ToolKind kind() {
        return ToolKind.READ;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String inputSchema() {
        return schema;
    }

    @Override
    public List<String> targets(JsonNode args, ToolContext context) throws ToolFailure {
        return context.workspace().ruleTargets(resolve(args.path("path").asText("."), context));
    }

    @Override
    public final ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
        try {
            return ToolOutput.ok(answer(args, context));
        } catch (LspFailure f) {
            throw new ToolFailure(f.getMessage());
        }
    }

    abstract String answer(JsonNode args, ToolContext context) throws LspFailure, ToolFailure;

    static Path resolve(String path, ToolContext context) throws ToolFailure {
        try {
            return context.workspace().resolve(path);
        } catch (WorkspaceBoundary.OutsideWorkspaceException e) {
            throw new ToolFailure(e.getMessage());
        }
    }

    /** The regular file the {@code path} argument names. */
    static Path file(JsonNode args, ToolContext context) throws ToolFailure {
        Path file = resolve(args.path("path").asText(), context);
        String shown = context.workspace().relative(file);
        if (Files.isDirectory(file)) {
            throw new ToolFailure(shown + " is a directory; give a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ToolFailure("file not found: " + shown);
        }
        return file;
    }

    /** A file's server, ready, with the file as it is on disk open in it. */
    Synced open(Path file, ToolContext context) throws LspFailure {
        ServerConnection server = servers.connectionFor(file, context.cancel());
        OpenDocuments.Synced doc = server.sync(file)
                .orElseThrow(() -> new LspFailure(context.workspace().relative(file) + " no longer exists"));
        return new Synced(server, doc);
    }

    /** A server and its copy of a file. */
    record Synced(ServerConnection server, OpenDocuments.Synced doc) {
        TextDocumentIdentifier id() {
            return new TextDocumentIdentifier(Uris.of(doc.file()));
        }
    }

    /** The {@code line} and {@code column} arguments (1-based) as a protocol position, checked against the file. */
    static Position position(JsonNode args, Synced at, Listing listing) throws ToolFailure {
        int line = args.path("line").asInt();
        int column = args.path("column").asInt();
        long lines = at.doc().text().lines().count();
        if (line > Math.max(1, lines)) {
            throw new ToolFailure(listing.shown(at.doc().file()) + " has " + lines + " lines; line " + line
                    + " is past its end");
        }
        return new Position(line - 1, column - 1);
    }

    /** Says what was at a position where nothing was found, so a column that is off can be seen. */
    static String nothingAt(String what, Path file, Position p, Listing listing) {
        return "no " + what + " found at " + listing.at(file, p) + listing.line(file, p.getLine())
                .map(t -> " (line " + (p.getLine() + 1) + " is: " + t + "); check that the column points into a name")
                .orElse("");
    }
}
