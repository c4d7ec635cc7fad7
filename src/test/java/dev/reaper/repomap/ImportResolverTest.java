package dev.reaper.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import statements become edges between files, the way each language finds its files. */
class ImportResolverTest {

    @TempDir
    Path root;

    /** Writes files and builds the graph from what the scanners find in them. */
    private ImportGraph graph(Map<String, String> files) throws IOException {
        Map<String, FileSymbols> symbols = new HashMap<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
            Language.of(e.getKey()).ifPresent(l -> {
                SourceScanner.Scan scan = SourceScanner.scan(l, e.getValue().getBytes());
                symbols.put(e.getKey(), new FileSymbols(List.of(), scan.references(),
                        ImportScanner.imports(l, scan.importStatements())));
            });
        }
        return ImportGraph.build(root, symbols);
    }

    @Test
    void goImportsWithinTheModuleReachEveryFileOfThePackage() throws IOException {
        ImportGraph g = graph(Map.of(
                "go.mod", "module example.com/app\n\ngo 1.22\n",
                "cmd/main.go", "package main\n\nimport (\n\t\"fmt\"\n\t\"example.com/app/store\"\n)\n",
                "store/store.go", "package store\n",
                "store/open.go", "package store\n",
                "store/store_test.go", "package store\n"));

        assertThat(g.dependencies("cmd/main.go")).containsExactly("store/open.go", "store/store.go");
    }

    @Test
    void cIncludesResolveBesideTheFileThenAnywhere() throws IOException {
        ImportGraph g = graph(Map.of(
                "src/main.c", "#include <stdio.h>\n#include \"util.h\"\n#include \"net/socket.h\"\n",
                "src/util.h", "int util(void);\n",
                "include/net/socket.h", "int sock(void);\n"));

        assertThat(g.dependencies("src/main.c")).containsExactly("include/net/socket.h", "src/util.h");
    }

    @Test
    void rustModulesAndCratePathsResolveToTheirFiles() throws IOException {
        ImportGraph g = graph(Map.of(
                "Cargo.toml", "[package]\nname = \"app\"\n",
                "src/main.rs", "mod net;\nmod config;\nuse crate::net::client::Client;\n",
                "src/net/mod.rs", "pub mod client;\nuse super::config::Config;\n",
                "src/net/client.rs", "pub struct Client;\n",
                "src/config.rs", "pub struct Config;\n"));

        assertThat(g.dependencies("src/main.rs")).containsExactly("src/config.rs", "src/net/client.rs",
                "src/net/mod.rs");
        assertThat(g.dependencies("src/net/mod.rs")).containsExactly("src/config.rs", "src/net/client.rs");
    }

    @Test
    void pythonRelativeImportsClimbPackagesAndNamesFallBackToTheirModule() throws IOException {
        ImportGraph g = graph(Map.of(
                "pkg/__init__.py", "",
                "pkg/core/__init__.py", "",
                "pkg/core/engine.py", "from ..util import helper\nfrom . import parts\nfrom .parts import Part\n",
                "pkg/core/parts.py", "class Part: pass\n",
                "pkg/util.py", "def helper(): pass\n"));

        assertThat(g.dependencies("pkg/core/engine.py")).containsExactly("pkg/core/parts.py", "pkg/util.py");
        assertThat(g.dependents("pkg/util.py")).containsExactly("pkg/core/engine.py");
    }

    @Test
    void kotlinAndJavaImportEachOthersFilesAndStaticImportsFindTheirClass() throws IOException {
        ImportGraph g = graph(Map.of(
                "app/src/main/kotlin/com/ex/App.kt", "package com.ex\n\nimport com.ex.util.Strings\n",
                "lib/src/main/java/com/ex/util/Strings.java",
                "package com.ex.util;\n\nimport static com.ex.util.Numbers.parse;\n",
                "lib/src/main/java/com/ex/util/Numbers.java", "package com.ex.util;\n"));

        assertThat(g.dependencies("app/src/main/kotlin/com/ex/App.kt"))
                .containsExactly("lib/src/main/java/com/ex/util/Strings.java");
        assertThat(g.dependencies("lib/src/main/java/com/ex/util/Strings.java"))
                .containsExactly("lib/src/main/java/com/ex/util/Numbers.java");
    }
}
