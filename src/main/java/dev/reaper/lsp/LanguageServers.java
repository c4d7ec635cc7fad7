package dev.reaper.lsp;

import dev.reaper.config.LspConfig;
import dev.reaper.protocol.Cancellation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The language servers of one workspace. Each is started the first time a file of its language needs it,
 * in the background, and then shared by every session over the workspace. A server that cannot be
 * started (its program is missing, it fails to initialize) or that exits on its own is remembered as
 * unavailable, with the reason, and is not tried again. {@link #close} stops them all.
 */
public final class LanguageServers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LanguageServers.class.getName());

    /**
     * @param start   how long a server may take to start and answer {@code initialize}
     * @param request how long a request may take
     * @param stop    how long a server gets to exit after the shutdown request, before it is destroyed
     */
    public record Timeouts(Duration start, Duration request, Duration stop) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(20),
                Duration.ofSeconds(3));
    }

    /**
     * What {@code reaper doctor} shows for a configured server, found without starting it.
     *
     * @param program the program found, or empty when it is missing or the server is disabled
     */
    public record Status(String name, List<String> extensions, boolean enabled, Optional<Path> program,
                         String note) {}

    private final Path root;
    private final LspConfig config;
    private final ServerFinder finder;
    private final Map<String, String> environment;
    private final Timeouts timeouts;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private boolean closed;

    /** A server's start: the connection once launched, and the future that completes when it is ready. */
    private static final class Slot {
        final CompletableFuture<ServerConnection> ready = new CompletableFuture<>();
        ServerConnection launched;
    }

    /**
     * @param root        the workspace root (a real path), sent to servers as their workspace folder
     * @param environment the environment servers run with
     */
    public LanguageServers(Path root, LspConfig config, ServerFinder finder, Map<String, String> environment,
                           Timeouts timeouts) {
        this.root = root;
        this.config = config;
        this.finder = finder;
        this.environment = Map.copyOf(environment);
        this.timeouts = timeouts;
    }

    /** Whether any enabled server's program is installed: the language-server tools are worth offering. */
    public boolean anyInstalled() {
        return config.servers().stream().anyMatch(s -> s.enabled() && finder.find(s.command().get(0)).isPresent());
    }

    /**
     * Whether the workspace has a file some installed, enabled server handles: the language-server tools
     * are only offered then (they cost every request their descriptions). The walk stops at the first
     * such file, or after {@code maxFiles} files.
     */
    public boolean usefulIn(dev.reaper.context.IgnoreRules ignore, int maxFiles) {
        java.util.Set<String> handled = new java.util.HashSet<>();
        for (LspConfig.Server s : config.servers()) {
            if (s.enabled() && finder.find(s.command().get(0)).isPresent()) {
                s.extensions().forEach(e -> handled.add(e.toLowerCase(java.util.Locale.ROOT)));
            }
        }
        if (handled.isEmpty()) {
            return false;
        }
        boolean[] found = {false};
        int[] seen = {0};
        try {
            dev.reaper.context.FileWalker.walk(root, ignore, () -> false, (file, attrs) -> {
                String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                int dot = name.lastIndexOf('.');
                found[0] = dot >= 0 && handled.contains(name.substring(dot));
                return !found[0] && ++seen[0] < maxFiles;
            });
        } catch (java.io.IOException e) {
            return false;
        }
        return found[0];
    }

    /** Every configured server, found or missing, without starting any. */
    public List<Status> statuses() {
        List<Status> out = new ArrayList<>();
        for (LspConfig.Server s : config.servers()) {
            Optional<Path> program = s.enabled() ? finder.find(s.command().get(0)) : Optional.empty();
            String note = !s.enabled() ? "disabled (enabled = false)"
                    : program.isPresent() ? program.get().toString() : "not installed: " + missing(s);
            out.add(new Status(s.name(), s.extensions(), s.enabled(), program, note));
        }
        return out;
    }

    /** The enabled server for a file's extension. */
    Optional<LspConfig.Server> serverFor(Path file) {
        String x = Languages.extension(file);
        return config.servers().stream().filter(s -> s.enabled() && s.extensions().contains(x)).findFirst();
    }

    /**
     * The ready server for a file, started if need be; waits for its start (which the start timeout bounds),
     * or until the turn is cancelled. The failure says which server would handle the file and why it cannot.
     */
    ServerConnection connectionFor(Path file, Cancellation cancel) throws LspFailure {
        LspConfig.Server spec = serverFor(file).orElseThrow(() -> new LspFailure(noServer(file)));
        CompletableFuture<ServerConnection> ready = start(spec);
        while (!cancel.isCancelled()) {
            Optional<ServerConnection> c = ready(ready, 50, TimeUnit.MILLISECONDS);
            if (c.isPresent()) {
                return c.get();
            }
        }
        throw new LspFailure("interrupted");
    }

    /**
     * Starts a server unless it was started before; the future completes when it is ready, or fails, for
     * good, with the reason it cannot be used.
     */
    CompletableFuture<ServerConnection> start(LspConfig.Server spec) {
        Slot slot;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new LspFailure("Reaper is closing"));
            }
            slot = slots.get(spec.name());
            if (slot != null) {
                return slot.ready;
            }
            slot = new Slot();
            slots.put(spec.name(), slot);
        }
        Slot s = slot;
        Thread.ofVirtual().name("reaper-lsp-start-" + spec.name()).start(() -> launch(spec, s));
        return s.ready;
    }

    /**
     * The ready server of a future, waiting at most as long as given; empty when it is not ready yet. A server
     * that failed to start, or has since exited, is an {@link LspFailure} with the reason.
     */
    static Optional<ServerConnection> ready(CompletableFuture<ServerConnection> future, long wait, TimeUnit unit)
            throws LspFailure {
        try {
            ServerConnection c = future.get(wait, unit);
            Optional<String> down = c.failure();
            if (down.isPresent()) {
                throw new LspFailure(down.get());
            }
            return Optional.of(c);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LspFailure f ? f : new LspFailure(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LspFailure("interrupted");
        }
    }

    private void launch(LspConfig.Server spec, Slot slot) {
        try {
            Path program = finder.find(spec.command().get(0))
                    .orElseThrow(() -> new LspFailure(spec.name() + " is not installed: " + missing(spec)));
            List<String> command = new ArrayList<>(spec.command());
            command.set(0, program.toString());
            ServerConnection c = ServerConnection.launch(spec.name(), command, root, environment, timeouts);
            boolean late;
            synchronized (this) {
                slot.launched = c;
                late = closed;
            }
            if (late) {
                c.close();
                throw new LspFailure("Reaper is closing");
            }
            try {
                c.initialize();
            } catch (LspFailure e) {
                c.close(); // a server that did not start properly is not left running
                throw e;
            }
            LOG.info("started " + spec.name() + " (" + program + ", pid " + c.pid() + ") for " + root);
            slot.ready.complete(c);
        } catch (LspFailure e) {
            LOG.warning(spec.name() + " is unavailable: " + e.getMessage());
            slot.ready.completeExceptionally(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, spec.name() + " failed to start", e);
            slot.ready.completeExceptionally(new LspFailure(spec.name() + " failed to start: " + e));
        }
    }

    /** The servers that are up, for questions that name no file. */
    List<ServerConnection> running() {
        List<CompletableFuture<ServerConnection>> futures;
        synchronized (this) {
            futures = slots.values().stream().map(s -> s.ready).toList();
        }
        return futures.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .map(CompletableFuture::join).filter(c -> c.failure().isEmpty()).toList();
    }

    /** Stops every server, waiting for each to exit (see {@link ServerConnection#close}). */
    @Override
    public void close() {
        List<ServerConnection> launched = new ArrayList<>();
        synchronized (this) {
            closed = true;
            slots.values().stream().filter(s -> s.launched != null).forEach(s -> launched.add(s.launched));
        }
        launched.parallelStream().forEach(ServerConnection::close);
    }

    private String noServer(Path file) {
        String x = Languages.extension(file);
        String handled = config.servers().stream().filter(LspConfig.Server::enabled)
                .map(s -> s.name() + " (" + String.join(" ", s.extensions()) + ")")
                .collect(Collectors.joining(", "));
        Optional<LspConfig.Server> disabled = config.servers().stream()
                .filter(s -> !s.enabled() && s.extensions().contains(x)).findFirst();
        if (disabled.isPresent()) {
            return "no language server handles " + file.getFileName() + ": " + disabled.get().name()
                    + " would, but it is disabled ([lsp." + disabled.get().name() + "] enabled = false)";
        }
        return "no language server handles " + (x.isEmpty() ? file.getFileName().toString() : x + " files")
                + (handled.isEmpty() ? "; none is configured" : "; configured: " + handled)
                + ". Add one with [lsp.NAME] command and extensions in config.toml";
    }

    /** Where the program was looked for, and how to get it. */
    private String missing(LspConfig.Server s) {
        return finder.describeMissing(s.command().get(0))
                + Optional.ofNullable(INSTALL.get(s.name())).map(h -> " (install: " + h + ")").orElse("")
                + ", or set its command in [lsp." + s.name() + "]";
    }

    private static final Map<String, String> INSTALL = Map.of(
            "pyright", "npm install -g pyright",
            "typescript-language-server", "npm install -g typescript-language-server typescript",
            "clangd", "apt install clangd, or brew install llvm",
            "gopls", "go install golang.org/x/tools/gopls@latest",
            "rust-analyzer", "rustup component add rust-analyzer",
            "jdtls", "see https://github.com/eclipse-jdtls/eclipse.jdt.ls");
}
