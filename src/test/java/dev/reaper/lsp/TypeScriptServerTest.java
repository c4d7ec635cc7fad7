package dev.reaper.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language-server tools against a real typescript-language-server. */
class TypeScriptServerTest {

    @TempDir
    static Path root;

    static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(root, "typescript-language-server");
        fixture.ws.write("util.ts", """
                export function add(a: number, b: number): number {
                    return a + b;
                }

                export class Counter {
                    count = 0;
                    increment(): void {
                        this.count = add(this.count, 1);
                    }
                }
                """);
        fixture.ws.write("main.ts", """
                import { add } from "./util";

                const total: number = add(1, 2);
                const wrong: number = "two";
                """);
        fixture.start("main.ts");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theSymbolsOfAFileAreListedWithNestedNames() throws Exception {
        String out = fixture.run("lsp_symbols", "path", "util.ts");

        System.out.println(out);
        assertThat(out).contains("util.ts:1:17 function add\n", "util.ts:5:14 class Counter\n",
                "util.ts:6:5 property Counter.count\n", "util.ts:7:5 method Counter.increment\n");
    }

    @Test
    void theDefinitionOfAnImportedFunctionIsInItsModule() throws Exception {
        String out = fixture.run("lsp_definition", "path", "main.ts", "line", 3, "column", 23);

        System.out.println(out);
        assertThat(out).isEqualTo("util.ts:1:17: export function add(a: number, b: number): number {\n");
    }

    @Test
    void aTypeErrorIsADiagnostic() throws Exception {
        String out = fixture.run("lsp_diagnostics", "path", "main.ts");

        System.out.println(out);
        assertThat(out).contains("main.ts:4:7 error: Type 'string' is not assignable to type 'number'.");
    }
}
