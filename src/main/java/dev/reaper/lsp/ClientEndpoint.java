package dev.reaper.lsp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ApplyWorkspaceEditResponse;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowDocumentParams;
import org.eclipse.lsp4j.ShowDocumentResult;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.UnregistrationParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Reaper's side of the conversation with one server: diagnostics are kept, messages go to the log, and
 * the requests a server makes of its client are answered at once, even those Reaper has no use for
 * (settings, progress, capability registration), because some servers wait for those answers before
 * they answer anything.
 */
final class ClientEndpoint implements LanguageClient {

    private static final Logger LOG = Logger.getLogger(ClientEndpoint.class.getName());

    private final String server;
    private final Diagnostics diagnostics;
    private final WorkspaceFolder folder;

    ClientEndpoint(String server, Diagnostics diagnostics, WorkspaceFolder folder) {
        this.server = server;
        this.diagnostics = diagnostics;
        this.folder = folder;
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        diagnostics.publish(params);
    }

    /** No settings: each item is null, which servers read as "use your defaults". */
    @Override
    public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
        List<Object> nulls = new ArrayList<>();
        params.getItems().forEach(item -> nulls.add(null));
        return CompletableFuture.completedFuture(nulls);
    }

    @Override
    public CompletableFuture<List<WorkspaceFolder>> workspaceFolders() {
        return CompletableFuture.completedFuture(List.of(folder));
    }

    @Override
    public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void notifyProgress(ProgressParams params) {
        // progress is not shown
    }

    @Override
    public CompletableFuture<Void> registerCapability(RegistrationParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> unregisterCapability(UnregistrationParams params) {
        return CompletableFuture.completedFuture(null);
    }

    /** Reaper changes files through its own tools, where the user sees and approves the change. */
    @Override
    public CompletableFuture<ApplyWorkspaceEditResponse> applyEdit(ApplyWorkspaceEditParams params) {
        ApplyWorkspaceEditResponse no = new ApplyWorkspaceEditResponse(false);
        no.setFailureReason("Reaper does not apply edits from language servers");
        return CompletableFuture.completedFuture(no);
    }

    @Override
    public CompletableFuture<ShowDocumentResult> showDocument(ShowDocumentParams params) {
        return CompletableFuture.completedFuture(new ShowDocumentResult(false));
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
        LOG.info(server + " asked: " + params.getMessage());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void showMessage(MessageParams params) {
        LOG.log(params.getType() == MessageType.Error ? Level.WARNING : Level.INFO,
                server + ": " + params.getMessage());
    }

    @Override
    public void logMessage(MessageParams params) {
        LOG.fine(() -> server + ": " + params.getMessage());
    }

    @Override
    public void telemetryEvent(Object object) {
        // nothing is collected
    }
}
