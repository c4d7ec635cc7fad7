package dev.reaper.repomap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Where the map's definitions and references come from. Universal Ctags with a tokenizer is the engine
 * now ({@link CtagsSource}); a running language server could be another (its document symbols as the
 * definitions), without the index, the graph or the cache knowing.
 */
public interface SymbolSource {

    /**
     * Names the engine and its version. Cached symbols are kept only while this stays the same: a new
     * engine may tag differently.
     */
    String id();

    /**
     * Why the engine cannot give definitions here (a program that is not installed), said once to the
     * user; empty when it can. The map then lists files only, ranked by their imports.
     */
    Optional<String> unavailable();

    /**
     * The symbols of some files, by their workspace-relative paths ({@code /}-separated). A file that
     * cannot be read is left out of the answer. Stops early, with what it has, when {@code cancelled}.
     */
    Map<String, FileSymbols> read(Path root, List<String> files, BooleanSupplier cancelled) throws IOException;
}
