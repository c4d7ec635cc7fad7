package dev.reaper.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;

/** {@code lsp_references {path, line, column}}: every use of the name at a position, its definition included. */
final class ReferencesTool extends LspTool {

    static final int MAX_LOCATIONS = 200;

    ReferencesTool(LanguageServers servers) {
        super("lsp_references", servers);
    }

    @Override
    String answer(JsonNode args, ToolContext context) throws LspFailure, ToolFailure {
        Listing listing = new Listing(context);
        Synced at = open(file(args, context), context);
        Position p = position(args, at, listing);
        List<? extends Location> found = at.server().request("textDocument/references", ls -> ls
                .getTextDocumentService().references(new ReferenceParams(at.id(), p, new ReferenceContext(true))),
                context.cancel());
        List<String> lines = new ArrayList<>();
        if (found != null) {
            for (Location l : found) {
                Uris.toPath(l.getUri()).ifPresent(f -> lines.add(listing.quoted(f, l.getRange().getStart())));
            }
        }
        if (lines.isEmpty()) {
            return nothingAt("reference", at.doc().file(), p, listing);
        }
        return lines.size() + (lines.size() == 1 ? " reference" : " references") + ":\n"
                + Listing.capped(lines, MAX_LOCATIONS, "references");
    }
}
