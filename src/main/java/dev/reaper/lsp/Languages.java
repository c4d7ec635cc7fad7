package dev.reaper.lsp;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** A file's extension, and the language identifier servers expect for it when it is opened. */
final class Languages {

    private static final Map<String, String> IDS = Map.ofEntries(
            Map.entry(".py", "python"), Map.entry(".pyi", "python"),
            Map.entry(".ts", "typescript"), Map.entry(".mts", "typescript"), Map.entry(".cts", "typescript"),
            Map.entry(".tsx", "typescriptreact"), Map.entry(".jsx", "javascriptreact"),
            Map.entry(".js", "javascript"), Map.entry(".mjs", "javascript"), Map.entry(".cjs", "javascript"),
            Map.entry(".c", "c"), Map.entry(".h", "c"),
            Map.entry(".cpp", "cpp"), Map.entry(".hpp", "cpp"), Map.entry(".cc", "cpp"), Map.entry(".cxx", "cpp"),
            Map.entry(".hh", "cpp"),
            Map.entry(".go", "go"), Map.entry(".rs", "rust"), Map.entry(".java", "java"));

    private Languages() {}

    /** The extension with its dot ({@code .py}), or "" when the name has none. */
    static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot);
    }

    static String id(Path file) {
        String x = extension(file);
        return IDS.getOrDefault(x, x.isEmpty() ? "plaintext" : x.substring(1).toLowerCase(Locale.ROOT));
    }
}
