package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.testing.CliRun;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Peers;
import dev.reaper.testing.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-shot run with a language server installed: the model is offered the language-server tools, an
 * edit's result carries the file's new diagnostics, and the server is gone when Reaper exits.
 */
class LanguageServersCliTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;

    @BeforeEach
    void start() {
        fake = FakeProvider.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void theModelSeesDiagnosticsBeforeAndAfterItsEditAndTheServerStopsWithReaper() throws Exception {
        Peers.require("clangd");
        Files.writeString(work.resolve("prog.c"), "int main(void) {\n    return missing;\n}\n");
        fake.conversation(Step.call("lsp_diagnostics", "{\"path\":\"prog.c\"}"),
                Step.call("edit", "{\"path\":\"prog.c\",\"old_string\":\"missing\",\"new_string\":\"0\"}"),
                Step.text("Fixed."));

        CliRun.Result r = new CliRun(home, work).provider("anthropic", fake).run("-p", "fix prog.c", "--model",
                CliRun.model("anthropic"), "--permission-mode", "acceptEdits");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(fake.chatRequests()).hasSize(3);
        assertThat(fake.chatRequests().get(0).bodyText()).contains("\"lsp_symbols\"", "\"lsp_definition\"",
                "\"lsp_references\"", "\"lsp_hover\"", "\"lsp_diagnostics\"");
        assertThat(fake.chatRequests().get(1).bodyText())
                .contains("prog.c:2:12 error: Use of undeclared identifier 'missing'");
        assertThat(fake.chatRequests().get(2).bodyText())
                .contains("Edited prog.c (1 replacement)\\n\\nNo errors or warnings in prog.c (clangd).");
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("clangd"))).isEmpty();
    }
}
