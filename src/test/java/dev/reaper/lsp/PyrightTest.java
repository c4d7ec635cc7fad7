package dev.reaper.lsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.agent.Approver;
import dev.reaper.agent.PermissionMemory;
import dev.reaper.agent.ToolExecutor;
import dev.reaper.policy.PermissionMode;
import dev.reaper.policy.PermissionRules;
import dev.reaper.protocol.ContentBlock;
import dev.reaper.testing.ToolWorkspace;
import dev.reaper.tools.ToolRegistry;
import dev.reaper.tools.builtin.BuiltinTools;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language-server tools and the diagnostics after edits, against a real pyright. */
class PyrightTest {

    @TempDir
    static Path root;

    static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(root, "pyright-langserver");
        fixture.ws.write("greet.py", """
                def greet(name: str) -> str:
                    return "hello " + name


                class Greeter:
                    def hello(self) -> str:
                        return greet("world")
                """);
        fixture.ws.write("main.py", """
                from greet import greet

                print(greet("reaper"))
                """);
        fixture.ws.write("broken.py", """
                count: int = "three"
                """);
        fixture.start("greet.py");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aTypeErrorIsADiagnostic() throws Exception {
        String out = fixture.run("lsp_diagnostics", "path", "broken.py");

        assertThat(out).isEqualTo("broken.py:1:14 error: Type \"Literal['three']\" is not assignable to declared type"
                + " \"int\"; \"Literal['three']\" is not assignable to \"int\" [Pyright reportAssignmentType]\n");
    }

    @Test
    void theSymbolsOfAFileAreListedWithNestedNames() throws Exception {
        String out = fixture.run("lsp_symbols", "path", "greet.py");

        assertThat(out).isEqualTo("""
                greet.py:1:5 function greet
                greet.py:1:11 variable greet.name
                greet.py:5:7 class Greeter
                greet.py:6:9 method Greeter.hello
                """);
    }

    @Test
    void aWorkspaceQueryFindsASymbol() throws Exception {
        String out = fixture.run("lsp_symbols", "path", "main.py", "query", "Greeter");

        assertThat(out).isEqualTo("greet.py:5:7 class Greeter\n");
    }

    @Test
    void theDefinitionOfAFunctionIsFoundInAnotherFile() throws Exception {
        String out = fixture.run("lsp_definition", "path", "main.py", "line", 3, "column", 8);

        assertThat(out).isEqualTo("greet.py:1:5: def greet(name: str) -> str:\n");
    }

    @Test
    void theReferencesOfAFunctionSpanBothFiles() throws Exception {
        String out = fixture.run("lsp_references", "path", "greet.py", "line", 1, "column", 5);

        assertThat(out).startsWith("4 references:\n").contains("greet.py:1:5: def greet(name: str) -> str:\n",
                "greet.py:7:16: return greet(\"world\")\n", "main.py:1:19: from greet import greet\n",
                "main.py:3:7: print(greet(\"reaper\"))\n");
    }

    @Test
    void hoverShowsTheSignature() throws Exception {
        String out = fixture.run("lsp_hover", "path", "main.py", "line", 3, "column", 8);

        assertThat(out).isEqualTo("(function) def greet(name: str) -> str");
    }

    @Test
    void nothingAtAPositionSaysWhatIsThere() throws Exception {
        String out = fixture.run("lsp_definition", "path", "main.py", "line", 2, "column", 1);

        assertThat(out).startsWith("no definition found at main.py:2:1");
    }

    @Test
    void anEditReportsTheErrorsItMadeAndThenThatTheyAreGone() throws Exception {
        ToolWorkspace ws = fixture.ws;
        ws.write("edited.py", "total: int = 1\n");
        ToolExecutor executor = new ToolExecutor(new ToolRegistry(BuiltinTools.all()), PermissionMode.BYPASS,
                PermissionRules.NONE, Approver.NON_INTERACTIVE, event -> { }, PermissionMemory.NONE,
                new EditDiagnostics(fixture.servers, Duration.ofSeconds(15)));

        ContentBlock.ToolResult broke = executor.execute(new ContentBlock.ToolUse("1", "edit", ToolWorkspace.args(
                "path", "edited.py", "old_string", "= 1", "new_string", "= \"one\"")), ws.context());
        ContentBlock.ToolResult fixed = executor.execute(new ContentBlock.ToolUse("2", "edit", ToolWorkspace.args(
                "path", "edited.py", "old_string", "= \"one\"", "new_string", "= 2")), ws.context());

        assertThat(broke.isError()).isFalse();
        assertThat(broke.content()).isEqualTo("Edited edited.py (1 replacement)\n\n"
                + "Language servers report after this edit:\nedited.py:1:14 error: Type \"Literal['one']\" is not"
                + " assignable to declared type \"int\"; \"Literal['one']\" is not assignable to \"int\""
                + " [Pyright reportAssignmentType]");
        assertThat(fixed.content()).isEqualTo("Edited edited.py (1 replacement)\n\n"
                + "No errors or warnings in edited.py (pyright).");
    }
}
