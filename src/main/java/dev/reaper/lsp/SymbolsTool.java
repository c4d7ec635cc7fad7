package dev.reaper.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * {@code lsp_symbols {path?, query?}}: the symbols a file defines, nested names joined with dots; or, with
 * a query, the workspace's symbols that match it, from the server of {@code path}'s language or from
 * every server running.
 */
final class SymbolsTool extends LspTool {

    static final int MAX_SYMBOLS = 300;

    SymbolsTool(LanguageServers servers) {
        super("lsp_symbols", servers);
    }

    @Override
    String answer(JsonNode args, ToolContext context) throws LspFailure, ToolFailure {
        boolean hasPath = args.hasNonNull("path");
        String query = args.path("query").asText("").strip();
        if (!hasPath && query.isEmpty()) {
            throw new ToolFailure("give a path (the symbols of that file) or a query (symbols of the workspace)");
        }
        Listing listing = new Listing(context);
        if (query.isEmpty()) {
            return inFile(file(args, context), listing, context);
        }
        List<ServerConnection> asked = new ArrayList<>();
        if (hasPath) {
            asked.add(open(file(args, context), context).server());
        } else {
            asked.addAll(servers.running());
            if (asked.isEmpty()) {
                throw new ToolFailure("no language server is running yet: give a path too, so Reaper knows which"
                        + " language to search (lsp_symbols {path, query})");
            }
        }
        List<String> lines = new ArrayList<>();
        for (ServerConnection s : asked) {
            var found = s.request("workspace/symbol", ls -> ls.getWorkspaceService()
                    .symbol(new WorkspaceSymbolParams(query)), context.cancel());
            if (found != null) {
                lines.addAll(found.isLeft() ? found.getLeft().stream().map(i -> information(i, listing)).toList()
                        : found.getRight().stream().map(w -> workspaceSymbol(w, listing)).toList());
            }
        }
        return lines.isEmpty() ? "no symbols match \"" + query + "\"" : Listing.capped(lines, MAX_SYMBOLS, "symbols");
    }

    private String inFile(Path file, Listing listing, ToolContext context) throws LspFailure {
        Synced at = open(file, context);
        List<Either<SymbolInformation, DocumentSymbol>> found = at.server().request("textDocument/documentSymbol",
                ls -> ls.getTextDocumentService().documentSymbol(new DocumentSymbolParams(at.id())), context.cancel());
        List<String> lines = new ArrayList<>();
        for (Either<SymbolInformation, DocumentSymbol> e : Optional.ofNullable(found).orElse(List.of())) {
            if (e.isLeft()) {
                lines.add(information(e.getLeft(), listing));
            } else {
                nested(file, e.getRight(), "", listing, lines);
            }
        }
        return lines.isEmpty() ? "no symbols in " + listing.shown(file) : Listing.capped(lines, MAX_SYMBOLS, "symbols");
    }

    private static void nested(Path file, DocumentSymbol s, String outer, Listing listing, List<String> lines) {
        String name = outer.isEmpty() ? s.getName() : outer + "." + s.getName();
        var start = (s.getSelectionRange() != null ? s.getSelectionRange() : s.getRange()).getStart();
        lines.add(listing.at(file, start) + " " + Listing.kind(s.getKind()) + " " + name);
        if (s.getChildren() != null) {
            s.getChildren().forEach(c -> nested(file, c, name, listing, lines));
        }
    }

    private static String information(SymbolInformation i, Listing listing) {
        return place(Optional.of(i.getLocation()), i.getLocation().getUri(), listing) + " "
                + Listing.kind(i.getKind()) + " " + i.getName() + container(i.getContainerName());
    }

    private static String workspaceSymbol(WorkspaceSymbol w, Listing listing) {
        Optional<Location> at = w.getLocation().isLeft() ? Optional.of(w.getLocation().getLeft()) : Optional.empty();
        String uri = at.map(Location::getUri).orElseGet(() -> w.getLocation().getRight().getUri());
        return place(at, uri, listing) + " " + Listing.kind(w.getKind()) + " " + w.getName()
                + container(w.getContainerName());
    }

    private static String place(Optional<Location> at, String uri, Listing listing) {
        Optional<Path> file = Uris.toPath(uri);
        if (file.isEmpty()) {
            return uri;
        }
        return at.map(l -> listing.at(file.get(), l.getRange().getStart())).orElse(listing.shown(file.get()));
    }

    private static String container(String name) {
        return name == null || name.isBlank() ? "" : " (in " + name + ")";
    }
}
