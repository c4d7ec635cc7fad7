package dev.reaper.repomap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Definitions from Universal Ctags ({@code --output-format=json}), references and imports from
 * {@link SourceScanner}. Files go to ctags in batches, several ctags processes at once (one per core),
 * each reading its file list from stdin and streaming JSON back, parsed as it comes; each batch's files
 * are then scanned on the same thread. Tags private to their file (a static C function, a private Java
 * field) and package and import tags are left out: the map is about what files offer each other.
 */
public final class CtagsSource implements SymbolSource {

    static final int BATCH_FILES = 250;
    private static final Set<String> SKIPPED_KINDS = Set.of("package", "import", "unknown", "packageName",
            "namespace", "local", "parameter", "label");
    private static final JsonFactory JSON = new JsonFactory();
    private static final Logger LOG = Logger.getLogger(CtagsSource.class.getName());

    private final String command;
    private final int threads;
    private volatile Probe probe;

    /** What {@code ctags --version} said: the engine's id, or why it cannot be used. */
    private record Probe(String id, Optional<String> unavailable) {}

    /** Ctags from the PATH, as many processes at once as there are cores. */
    public CtagsSource() {
        this("ctags", Runtime.getRuntime().availableProcessors());
    }

    CtagsSource(String command, int threads) {
        this.command = command;
        this.threads = Math.max(1, threads);
    }

    @Override
    public String id() {
        return probe().id();
    }

    @Override
    public Optional<String> unavailable() {
        return probe().unavailable();
    }

    private Probe probe() {
        Probe p = probe;
        if (p == null) {
            p = runProbe();
            probe = p;
        }
        return p;
    }

    private Probe runProbe() {
        String missing = "Universal Ctags is not installed, so the repo map lists files without their definitions"
                + " (install universal-ctags: apt install universal-ctags, brew install universal-ctags)";
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            String first = out.lines().findFirst().orElse("").strip();
            if (!first.startsWith("Universal Ctags")) {
                return new Probe("none", Optional.of("'" + command + "' is not Universal Ctags (" + first
                        + "), so the repo map lists files without their definitions (install universal-ctags)"));
            }
            if (!out.contains("+json")) {
                return new Probe("none", Optional.of(first + " was built without JSON output, so the repo map"
                        + " lists files without their definitions"));
            }
            return new Probe("ctags " + first.replaceFirst(",.*", ""), Optional.empty());
        } catch (IOException e) {
            return new Probe("none", Optional.of(missing));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe("none", Optional.of(missing));
        }
    }

    @Override
    public Map<String, FileSymbols> read(Path root, List<String> files, BooleanSupplier cancelled) throws IOException {
        Map<String, FileSymbols> out = new ConcurrentHashMap<>();
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < files.size(); i += BATCH_FILES) {
            batches.add(files.subList(i, Math.min(files.size(), i + BATCH_FILES)));
        }
        if (batches.size() <= 1 || threads == 1) {
            for (List<String> b : batches) {
                batch(root, b, cancelled, out);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, batches.size()),
                Thread.ofPlatform().name("reaper-ctags-", 0).daemon().factory());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<String> b : batches) {
                running.add(pool.submit(() -> {
                    batch(root, b, cancelled, out);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IOException("tagging failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while tagging", e);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private void batch(Path root, List<String> files, BooleanSupplier cancelled, Map<String, FileSymbols> out) {
        if (cancelled.getAsBoolean()) {
            return;
        }
        Map<String, List<Definition>> definitions = Map.of();
        if (unavailable().isEmpty()) {
            try {
                definitions = definitions(root, files, cancelled);
            } catch (IOException e) {
                // one bad batch (a file ctags chokes on) costs its definitions, not the whole map
                LOG.warning("no definitions for " + files.size() + " files from " + files.get(0) + ": "
                        + e.getMessage());
            }
        }
        for (String f : files) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            Optional<Language> language = Language.of(f);
            if (language.isEmpty()) {
                continue;
            }
            byte[] text;
            try {
                text = Files.readAllBytes(root.resolve(f));
            } catch (IOException e) {
                continue; // gone or unreadable since the walk: left out
            }
            SourceScanner.Scan scan = SourceScanner.scan(language.get(), text);
            List<Definition> defs = new ArrayList<>(definitions.getOrDefault(f, List.of()));
            defs.sort(Comparator.comparingInt(Definition::line));
            out.put(f, new FileSymbols(defs, scan.references(), ImportScanner.imports(language.get(),
                    scan.importStatements())));
        }
    }

    /** Runs one ctags process over the files and parses its JSON lines as they arrive. */
    private Map<String, List<Definition>> definitions(Path root, List<String> files, BooleanSupplier cancelled)
            throws IOException {
        // line numbers and long kind names; no patterns nor signatures: the map shows the line itself
        Process p = new ProcessBuilder(command, "--output-format=json", "--fields=+nKz-P", "--sort=no",
                "--extras=-F", "-f", "-", "-L", "-")
                .directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Thread feeder = Thread.ofVirtual().name("reaper-ctags-files").start(() -> {
            try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(),
                    StandardCharsets.UTF_8))) {
                for (String f : files) {
                    if (f.indexOf('\n') < 0) {
                        w.write(f);
                        w.write('\n');
                    }
                }
            } catch (IOException e) {
                // ctags stopped reading: its exit status says why
            }
        });
        Map<String, List<Definition>> out = new HashMap<>();
        try (InputStream in = p.getInputStream()) {
            parse(in, out, cancelled);
            if (cancelled.getAsBoolean()) {
                return out;
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException("ctags did not finish within a minute");
            }
            if (p.exitValue() != 0) {
                throw new IOException("ctags failed (exit " + p.exitValue() + ") on " + files.size() + " files from "
                        + files.get(0));
            }
            feeder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while tagging", e);
        } finally {
            p.destroyForcibly();
        }
        return out;
    }

    /** The innermost name of a scope: {@code Inner} of {@code A.Inner}, {@code Cls} of {@code ns::Cls}. */
    private static String lastPart(String scope) {
        int cut = Math.max(scope.lastIndexOf('.'), scope.lastIndexOf(':'));
        return scope.substring(cut + 1);
    }

    /** Reads ctags' JSON objects, one per line, keeping the tags worth a place in the map. */
    static void parse(InputStream in, Map<String, List<Definition>> out, BooleanSupplier cancelled)
            throws IOException {
        try (JsonParser json = JSON.createParser(in)) {
            while (json.nextToken() == JsonToken.START_OBJECT) {
                String type = null;
                String name = null;
                String path = null;
                String kind = null;
                String scope = "";
                int line = 0;
                boolean fileScope = false;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken value = json.nextToken();
                    switch (field) {
                        case "_type" -> type = json.getText();
                        case "name" -> name = json.getText();
                        case "path" -> path = json.getText();
                        case "kind" -> kind = json.getText();
                        case "scope" -> scope = lastPart(json.getText());
                        case "line" -> line = json.getIntValue();
                        case "file" -> fileScope = value == JsonToken.VALUE_TRUE;
                        default -> json.skipChildren();
                    }
                }
                if ("tag".equals(type) && name != null && name.length() <= SourceScanner.MAX_IDENTIFIER
                        && path != null && line > 0 && !fileScope
                        && (kind == null || !SKIPPED_KINDS.contains(kind))) {
                    out.computeIfAbsent(path, k -> new ArrayList<>()).add(new Definition(name,
                            kind == null ? "" : kind, line, scope));
                }
                if (cancelled.getAsBoolean()) {
                    return;
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("ctags wrote something other than JSON: " + e.getOriginalMessage(), e);
        }
    }
}
