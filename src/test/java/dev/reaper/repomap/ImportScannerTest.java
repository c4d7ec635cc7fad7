package dev.reaper.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Import statements, by language, become the specifiers the resolver turns into files. */
class ImportScannerTest {

    @Test
    void jvmImportsAreDottedNamesWithWildcardsAliasesAndScalaSelectors() {
        assertThat(ImportScanner.imports(Language.JAVA, List.of("import java.util.List;",
                "import static com.ex.Util.parse; // parse it", "import com.ex.model.*;")))
                .containsExactly("java.util.List", "com.ex.Util.parse", "com.ex.model.*");
        assertThat(ImportScanner.imports(Language.KOTLIN, List.of("import com.ex.Foo as Bar", "import com.ex.`fun`.X")))
                .containsExactly("com.ex.Foo", "com.ex.fun.X");
        assertThat(ImportScanner.imports(Language.SCALA, List.of("import com.ex._",
                "import com.ex.model.{Account, Ledger => L}")))
                .containsExactly("com.ex.*", "com.ex.model.Account", "com.ex.model.Ledger");
    }

    @Test
    void pythonImportsNameModulesAndTheNamesTakenFromThem() {
        assertThat(ImportScanner.imports(Language.PYTHON, List.of("import os, app.models as m",
                "from ..util import helper as h, Thing", "from . import (\n    parts,\n    more,\n)",
                "from app.x import *")))
                .containsExactly("os", "app.models", "..util.helper", "..util.Thing", ".parts", ".more", "app.x");
    }

    @Test
    void javascriptKeepsRelativeSpecifiersOfEveryForm() {
        assertThat(ImportScanner.imports(Language.TYPESCRIPT, List.of("import { a } from './a';",
                "import './side-effect.js';", "export * from \"../b\";", "const c = require('./c');",
                "const d = await import('./d');", "import React from 'react';")))
                .containsExactly("./a", "./side-effect.js", "../b", "./c", "./d");
    }

    @Test
    void rustUsesFromTheCrateAndModulesAreKept() {
        assertThat(ImportScanner.imports(Language.RUST, List.of("mod net;", "pub(crate) mod config;",
                "use crate::net::{client::Client, server as srv};", "use std::io;", "pub use super::Thing;")))
                .containsExactly("mod:net", "mod:config", "crate::net::client::Client", "crate::net::server",
                        "super::Thing");
    }

    @Test
    void cIncludesInQuotesAreKeptAndSystemHeadersAreNot() {
        assertThat(ImportScanner.imports(Language.C, List.of("#include <stdio.h>", "#  include \"util/x.h\"")))
                .containsExactly("util/x.h");
    }

    @Test
    void theNamesAnImportBringsInAreItsLastParts() {
        assertThat(ImportScanner.importedNames(Language.JAVA, List.of("java.util.List", "com.ex.*")))
                .containsExactly("List");
        assertThat(ImportScanner.importedNames(Language.PYTHON, List.of(".models.User", "os")))
                .containsExactlyInAnyOrder("User", "os");
        assertThat(ImportScanner.importedNames(Language.TYPESCRIPT, List.of("./a"))).isEmpty();
    }
}
