package dev.reaper.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Position;

/** {@code lsp_definition {path, line, column}}: where the name at a position is defined, with that line. */
final class DefinitionTool extends LspTool {

    DefinitionTool(LanguageServers servers) {
        super("lsp_definition", servers);
    }

    @Override
    String answer(JsonNode args, ToolContext context) throws LspFailure, ToolFailure {
        Listing listing = new Listing(context);
        Synced at = open(file(args, context), context);
        Position p = position(args, at, listing);
        var found = at.server().request("textDocument/definition", ls -> ls.getTextDocumentService()
                .definition(new DefinitionParams(at.id(), p)), context.cancel());
        List<String> lines = new ArrayList<>();
        if (found != null && found.isLeft()) {
            for (Location l : found.getLeft()) {
                Uris.toPath(l.getUri()).ifPresent(f -> lines.add(listing.quoted(f, l.getRange().getStart())));
            }
        } else if (found != null) {
            for (LocationLink l : found.getRight()) {
                Uris.toPath(l.getTargetUri()).ifPresent(f -> lines.add(listing.quoted(f,
                        l.getTargetSelectionRange().getStart())));
            }
        }
        return lines.isEmpty() ? nothingAt("definition", at.doc().file(), p, listing)
                : Listing.capped(lines, ReferencesTool.MAX_LOCATIONS, "definitions");
    }
}
