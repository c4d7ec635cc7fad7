package dev.reaper.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The scanner counts the identifiers code uses and finds import statements, without parsing. */
class SourceScannerTest {

    private static SourceScanner.Scan scan(Language language, String text) {
        return SourceScanner.scan(language, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commentsStringsNumbersAndKeywordsAreSkipped() {
        SourceScanner.Scan s = scan(Language.JAVA, """
                // Ledger in a comment
                /* Ledger
                   in a block */
                class A { String s = "Ledger \\" Ledger"; char c = 'x'; int n = 0x1F; Ledger l = new Ledger(); }
                """);

        assertThat(s.references().countOf("Ledger")).isEqualTo(2);
        assertThat(s.references().countOf("class")).isZero();
        assertThat(s.references().countOf("x")).isZero();
        assertThat(s.references().countOf("String")).isEqualTo(1);
    }

    @Test
    void pythonDocstringsAndHashCommentsAreSkipped() {
        SourceScanner.Scan s = scan(Language.PYTHON, """
                def run():
                    \"\"\"Calls Engine
                    over and over.\"\"\"
                    # Engine again
                    return Engine('Engine')
                """);

        assertThat(s.references().countOf("Engine")).isEqualTo(1);
        assertThat(s.references().countOf("over")).isZero();
    }

    @Test
    void importStatementsAreFoundButTheirNamesAreNotUses() {
        SourceScanner.Scan s = scan(Language.GO, """
                package main

                import (
                \t"fmt"
                \tstore "example.com/app/store"
                )

                func main() { fmt.Println(store.Open()) }
                """);

        assertThat(s.importStatements()).hasSize(2);
        assertThat(ImportScanner.imports(Language.GO, s.importStatements()))
                .containsExactly("fmt", "example.com/app/store");
        assertThat(s.references().countOf("store")).isEqualTo(1);
        assertThat(s.references().countOf("main")).isEqualTo(1);
    }

    @Test
    void aRequireAnywhereInALineIsAnImportAndItsLineStillCounts() {
        SourceScanner.Scan s = scan(Language.JAVASCRIPT, """
                const { parse } = require('./parser');
                const lib = require("lodash");
                export { format } from "./format.js";
                """);

        assertThat(ImportScanner.imports(Language.JAVASCRIPT, s.importStatements()))
                .containsExactly("./parser", "./format.js");
        assertThat(s.references().countOf("parse")).isEqualTo(1);
    }

    @Test
    void rustLifetimesAreNotCharacterLiterals() {
        SourceScanner.Scan s = scan(Language.RUST, """
                fn first<'a>(items: &'a [Widget]) -> &'a Widget { &items[0] }
                """);

        assertThat(s.references().countOf("Widget")).isEqualTo(2);
        assertThat(s.references().countOf("items")).isEqualTo(2);
    }

    @Test
    void bytesThatAreNotUtf8AndDecodeAlikeCountAsOneName() {
        byte[] text = {'x', '=', (byte) 0xff, (byte) 0xfe, ';', (byte) 0xff, (byte) 0xfd, ';'};

        References refs = SourceScanner.scan(Language.C, text).references();

        assertThat(refs.size()).isEqualTo(1);
        assertThat(refs.count(0)).isEqualTo(2);
    }
}
