package dev.reaper.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.Truncate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkedString;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** {@code lsp_hover {path, line, column}}: what the server says about the name at a position (type, docs). */
final class HoverTool extends LspTool {

    static final int MAX_CHARS = 6_000;

    HoverTool(LanguageServers servers) {
        super("lsp_hover", servers);
    }

    @Override
    String answer(JsonNode args, ToolContext context) throws LspFailure, ToolFailure {
        Listing listing = new Listing(context);
        Synced at = open(file(args, context), context);
        Position p = position(args, at, listing);
        Hover hover = at.server().request("textDocument/hover", ls -> ls.getTextDocumentService()
                .hover(new HoverParams(at.id(), p)), context.cancel());
        String text = hover == null || hover.getContents() == null ? "" : text(hover).strip();
        if (text.isEmpty()) {
            return nothingAt("hover information", at.doc().file(), p, listing);
        }
        return text.length() > MAX_CHARS ? Truncate.head(text, MAX_CHARS) + "\n[hover text cut]" : text;
    }

    /** Markup as the server wrote it (usually markdown); marked strings as fenced code. */
    private static String text(Hover hover) {
        if (hover.getContents().isRight()) {
            return hover.getContents().getRight().getValue();
        }
        List<String> parts = new ArrayList<>();
        for (Either<String, MarkedString> part : hover.getContents().getLeft()) {
            parts.add(part.isLeft() ? part.getLeft()
                    : "```" + part.getRight().getLanguage() + "\n" + part.getRight().getValue() + "\n```");
        }
        return String.join("\n\n", parts);
    }
}
