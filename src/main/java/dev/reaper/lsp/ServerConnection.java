package dev.reaper.lsp;

import dev.reaper.process.StderrLog;
import dev.reaper.protocol.Cancellation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.ClientInfo;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.JsonRpcException;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * One running language server: its process, the JSON-RPC connection over the process's stdin and stdout,
 * the documents it has open and the diagnostics it published. Its stderr goes to Reaper's log. When it
 * exits on its own it stays down, and says why; {@link #close} asks it to shut down and exit, then ends
 * whatever is left of its process tree.
 */
final class ServerConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServerConnection.class.getName());

    private final String name;
    private final Process process;
    private final LanguageServers.Timeouts timeouts;
    private final ExecutorService rpc;
    private final LanguageServer server;
    private final Diagnostics diagnostics = new Diagnostics();
    private final OpenDocuments documents;
    private final WorkspaceFolder folder;
    private final StderrLog stderr;
    private volatile boolean closing;
    private volatile String exitReason;

    private ServerConnection(String name, Process process, Path root, LanguageServers.Timeouts timeouts) {
        this.name = name;
        this.process = process;
        this.timeouts = timeouts;
        this.folder = new WorkspaceFolder(Uris.of(root), root.getFileName() == null ? "/" : root.getFileName().toString());
        this.rpc = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("reaper-lsp-" + name + "-", 0)
                .factory());
        Launcher<LanguageServer> launcher = new LSPLauncher.Builder<LanguageServer>()
                .setLocalService(new ClientEndpoint(name, diagnostics, folder))
                .setRemoteInterface(LanguageServer.class)
                .setInput(process.getInputStream())
                .setOutput(process.getOutputStream())
                .setExecutorService(rpc)
                .create();
        this.server = launcher.getRemoteProxy();
        this.documents = new OpenDocuments(server.getTextDocumentService(), diagnostics);
        this.stderr = new StderrLog(name, process.getErrorStream());
        launcher.startListening();
        process.onExit().thenRun(this::exited);
    }

    /** Starts the program; the server is not usable before {@link #initialize}. */
    static ServerConnection launch(String name, List<String> command, Path root, Map<String, String> environment,
                                   LanguageServers.Timeouts timeouts) throws LspFailure {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment);
        try {
            return new ServerConnection(name, pb.start(), root, timeouts);
        } catch (IOException e) {
            throw new LspFailure(name + " could not be started (" + String.join(" ", command) + "): " + e.getMessage());
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Why the server is no longer usable: it exited on its own. */
    Optional<String> failure() {
        return closing || process.isAlive() ? Optional.empty() : Optional.of(exitReason());
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    @SuppressWarnings("deprecation") // rootUri: older servers read it instead of the workspace folders
    void initialize() throws LspFailure {
        InitializeParams p = new InitializeParams();
        p.setProcessId((int) ProcessHandle.current().pid());
        p.setRootUri(folder.getUri());
        p.setWorkspaceFolders(List.of(folder));
        p.setCapabilities(Capabilities.client());
        p.setClientInfo(new ClientInfo("Reaper"));
        await(server.initialize(p), timeouts.start(), "initialize", new Cancellation(),
                "; Reaper does not try it again until Reaper itself is restarted");
        server.initialized(new InitializedParams());
    }

    /** Brings the server's copy of a file up to date with the disk (see {@link OpenDocuments#sync}). */
    Optional<OpenDocuments.Synced> sync(Path file) throws LspFailure {
        Optional<String> down = failure();
        if (down.isPresent()) {
            throw new LspFailure(down.get());
        }
        try {
            return documents.sync(file);
        } catch (JsonRpcException e) {
            throw lost(e);
        }
    }

    /** Sends a request and waits for its answer, at most the request timeout, or until the turn is cancelled. */
    <T> T request(String method, Function<LanguageServer, CompletableFuture<T>> call, Cancellation cancel)
            throws LspFailure {
        Optional<String> down = failure();
        if (down.isPresent()) {
            throw new LspFailure(down.get());
        }
        CompletableFuture<T> answer;
        try {
            answer = call.apply(server);
        } catch (JsonRpcException e) {
            throw lost(e);
        }
        return await(answer, timeouts.request(), method, cancel,
                " (it may still be indexing the workspace; try again shortly)");
    }

    /** A message that could not be written: the server is gone (say why), or its pipe broke. */
    private LspFailure lost(JsonRpcException e) {
        try {
            process.waitFor(500, TimeUnit.MILLISECONDS); // a broken pipe: the exit is on its way
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return new LspFailure(failure().orElse(name + " cannot be reached: " + e.getMessage()));
    }

    /** @param afterTimeout what the timeout message adds: what it means for the next call */
    private <T> T await(CompletableFuture<T> answer, Duration timeout, String method, Cancellation cancel,
                        String afterTimeout) throws LspFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (cancel.isCancelled()) {
                answer.cancel(true); // LSP4J sends $/cancelRequest
                throw new LspFailure("interrupted");
            }
            if (closing) {
                throw new LspFailure(name + " was stopped: Reaper is closing");
            }
            Optional<String> down = failure();
            if (down.isPresent()) {
                throw new LspFailure(down.get());
            }
            try {
                return answer.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() - deadline >= 0) {
                    answer.cancel(true);
                    throw new LspFailure(name + " did not answer " + method + " within " + timeout.toSeconds() + " s"
                            + afterTimeout);
                }
            } catch (ExecutionException e) {
                if (!process.isAlive()) {
                    continue; // the server died: said above, with its last words
                }
                throw new LspFailure(e.getCause() instanceof ResponseErrorException r
                        ? name + " answered " + method + " with an error: " + r.getResponseError().getMessage()
                        : name + " failed on " + method + ": " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LspFailure("interrupted");
            }
        }
    }

    /** The process ended: unless Reaper stopped it, the server is down for good, and the log says why. */
    private void exited() {
        if (!closing) {
            LOG.warning(exitReason());
            rpc.shutdownNow();
        }
    }

    /** The exit code and the server's last words on stderr. */
    private String exitReason() {
        String reason = exitReason;
        if (reason == null) {
            String words = stderr.lastWords();
            reason = name + " exited (code " + process.exitValue() + ")" + (words.isEmpty() ? "" : ": " + words)
                    + "; Reaper does not restart it until Reaper itself is restarted";
            exitReason = reason;
        }
        return reason;
    }

    /**
     * Stops the server: the shutdown request, the exit notification, then a wait for the process to end,
     * after which it and anything it started that is still running are destroyed (forcibly if need be).
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        List<ProcessHandle> tree = process.descendants().toList();
        if (process.isAlive()) {
            try {
                server.shutdown().get(timeouts.stop().toMillis(), TimeUnit.MILLISECONDS);
                server.exit();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.log(Level.FINE, name + " did not shut down cleanly", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        Processes.end(List.of(process.toHandle()), timeouts.stop());
        Processes.end(tree, Duration.ofMillis(500)); // what it started should be ending with it
        rpc.shutdownNow();
    }
}
