package dev.reaper.lsp;

import java.util.Arrays;
import java.util.List;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DefinitionCapabilities;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.GeneralClientCapabilities;
import org.eclipse.lsp4j.HoverCapabilities;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.PositionEncodingKind;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.ReferencesCapabilities;
import org.eclipse.lsp4j.SymbolCapabilities;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.SymbolKindCapabilities;
import org.eclipse.lsp4j.SynchronizationCapabilities;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;

/**
 * What Reaper tells a server it can do: open, change and close documents (whole-text changes), ask for
 * symbols (nested), definitions, references and hovers, and take published diagnostics with versions.
 * Positions count UTF-16 code units, the protocol's default.
 */
final class Capabilities {

    private Capabilities() {}

    static ClientCapabilities client() {
        SymbolKindCapabilities kinds = new SymbolKindCapabilities(Arrays.asList(SymbolKind.values()));
        DocumentSymbolCapabilities symbols = new DocumentSymbolCapabilities(kinds, false, true);
        PublishDiagnosticsCapabilities diagnostics = new PublishDiagnosticsCapabilities(false);
        diagnostics.setVersionSupport(true);

        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        text.setSynchronization(new SynchronizationCapabilities(false, false, false, false));
        text.setDocumentSymbol(symbols);
        text.setDefinition(new DefinitionCapabilities(false, false));
        text.setReferences(new ReferencesCapabilities(false));
        text.setHover(new HoverCapabilities(List.of(MarkupKind.PLAINTEXT, MarkupKind.MARKDOWN), false));
        text.setPublishDiagnostics(diagnostics);

        WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
        workspace.setSymbol(new SymbolCapabilities(kinds, false));
        workspace.setWorkspaceFolders(true);
        workspace.setConfiguration(true);
        workspace.setApplyEdit(false);

        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true);

        GeneralClientCapabilities general = new GeneralClientCapabilities();
        general.setPositionEncodings(List.of(PositionEncodingKind.UTF16));

        ClientCapabilities c = new ClientCapabilities(workspace, text, window, null);
        c.setGeneral(general);
        return c;
    }
}
