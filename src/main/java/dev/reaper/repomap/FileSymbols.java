package dev.reaper.repomap;

import java.util.List;

/**
 * What the map knows of one file: the symbols it defines, the identifiers it uses, and its import
 * statements as written (a module, a package path or a relative path, by language), resolved to files
 * only when the import graph is built.
 */
public record FileSymbols(List<Definition> definitions, References references, List<String> imports) {

    public static final FileSymbols EMPTY = new FileSymbols(List.of(), References.NONE, List.of());

    public FileSymbols {
        definitions = List.copyOf(definitions);
        imports = List.copyOf(imports);
    }
}
