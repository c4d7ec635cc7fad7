package dev.reaper.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language-server tools against a real clangd, on a C file with no compilation database. */
class ClangdTest {

    @TempDir
    static Path root;

    static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(root, "clangd");
        fixture.ws.write("prog.c", """
                struct point {
                    int x;
                    int y;
                };

                static int square(int n) {
                    return n * n;
                }

                int main(void) {
                    return square(3) + missing;
                }
                """);
        fixture.start("prog.c");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theSymbolsOfAFileAreListedWithNestedNames() throws Exception {
        String out = fixture.run("lsp_symbols", "path", "prog.c");

        System.out.println(out);
        assertThat(out).contains("prog.c:1:8 struct point\n", "prog.c:2:9 field point.x\n",
                "prog.c:6:12 function square\n", "prog.c:10:5 function main\n");
    }

    @Test
    void anUndeclaredNameIsAnError() throws Exception {
        String out = fixture.run("lsp_diagnostics", "path", "prog.c");

        System.out.println(out);
        assertThat(out).contains("prog.c:11:24 error: Use of undeclared identifier 'missing'");
    }
}
