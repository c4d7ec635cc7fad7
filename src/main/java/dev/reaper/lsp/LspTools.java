package dev.reaper.lsp;

import dev.reaper.tools.Tool;
import java.util.List;

/** The language-server tools, over one workspace's servers, in the order they are offered to the model. */
public final class LspTools {

    private LspTools() {}

    public static List<Tool> all(LanguageServers servers) {
        return List.of(new SymbolsTool(servers), new DefinitionTool(servers), new ReferencesTool(servers),
                new HoverTool(servers), new DiagnosticsTool(servers));
    }
}
