package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.testing.CliRun;
import dev.reaper.testing.FakeProvider;
import dev.reaper.testing.Peers;
import dev.reaper.testing.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reaper review on real git repositories, the loopback provider reporting findings through the tool. */
class ReviewCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    FakeProvider fake;

    static final String BEFORE = "import os\n\n\ndef load(name):\n    return open(name).read()\n\n\n\n\n\n\n\ndef size(p):\n    return os.path.getsize(p)\n";
    static final String AFTER = "import os\n\n\ndef load(name):\n    return eval(open(name).read())\n\n\n\n\n\n\n\ndef size(p):\n    return os.path.getsize(p)\n";

    static final String FINDING = "{\"path\":\"app.py\",\"start_line\":5,\"severity\":\"high\",\"category\":\"security\","
            + "\"message\":\"eval() runs whatever the file holds: code execution from a data file.\","
            + "\"fix\":\"--- a/app.py\\n+++ b/app.py\\n@@ -5 +5 @@\\n-    return eval(open(name).read())\\n+    return open(name).read()\\n\"}";
    static final String OUTSIDE = "{\"path\":\"app.py\",\"start_line\":14,\"severity\":\"low\",\"category\":\"style\","
            + "\"message\":\"os.path is fine but pathlib reads better.\"}";

    @BeforeEach
    void start() throws IOException {
        Peers.require("git");
        fake = FakeProvider.start();
        Peers.gitRepo(work, "app.py", BEFORE);
        Files.writeString(work.resolve("app.py"), AFTER);
        Peers.run(work, "git", "add", "app.py");
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    CliRun cli() {
        return new CliRun(home, work).provider("anthropic", fake);
    }

    void findsTheEval() {
        fake.conversation(new Step.ToolCalls("", java.util.List.of(new Step.Call("report_finding", FINDING),
                new Step.Call("report_finding", OUTSIDE))), Step.text("One serious problem."));
    }

    @Test
    void aStagedChangeWithAHighFindingFailsAndTheOneOutsideTheDiffIsDropped() {
        findsTheEval();

        CliRun.Result r = cli().run("review", "--staged", "--format", "json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("1 finding(s) at high or above");
        JsonNode report = Json.parse(r.out());
        assertThat(report.path("target").asText()).isEqualTo("the staged changes");
        assertThat(report.path("findings")).hasSize(1);
        assertThat(report.path("findings").get(0).path("start_line").asInt()).isEqualTo(5);
        assertThat(report.path("notes").get(0).asText()).contains("app.py:14").contains("outside the diff");
        String asked = fake.chatRequests().get(0).bodyText();
        assertThat(asked).contains("return eval(open(name).read())").contains("report_finding")
                .contains("    5      return eval");
        // the refusal went back to the model, so it can correct itself
        assertThat(fake.chatRequests().get(1).bodyText()).contains("Not recorded").contains("outside the diff");
    }

    @Test
    void failOnAboveTheFindingsPasses() {
        findsTheEval();
        CliRun.Result r = cli().run("review", "--fail-on", "critical");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("app.py:5  HIGH  security").contains("suggested fix:");
    }

    @Test
    void sarifToAFileValidatesAgainstTheSchema() throws IOException {
        findsTheEval();
        CliRun.Result r = cli().run("review", "--format", "sarif", "--output", "out.sarif", "--fail-on", "critical");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode sarif = Json.parse(Files.readString(work.resolve("out.sarif")));
        assertThat(dev.reaper.testing.Sarif.schema().validate(sarif)).isEmpty();
        assertThat(sarif.path("runs").get(0).path("results").get(0).path("locations").get(0).path("physicalLocation")
                .path("region").path("startLine").asInt()).isEqualTo(5);
    }

    @Test
    void markdownForAPullRequest() {
        findsTheEval();
        CliRun.Result r = cli().run("review", "--format", "markdown", "--fail-on", "critical");
        assertThat(r.out()).startsWith("## Reaper review of the staged changes").contains("🟠 high");
    }

    @Test
    void aCommitAndARangeAreReviewedFromTheirOwnContent() throws IOException {
        Peers.run(work, "git", "commit", "-q", "-m", "use eval");
        Files.writeString(work.resolve("app.py"), BEFORE); // the working tree no longer has it
        fake.conversation(Step.call("report_finding", FINDING), Step.text("done"));

        CliRun.Result commit = cli().run("review", "--commit", "HEAD", "--format", "json", "--fail-on", "critical");
        assertThat(commit.exitCode()).as(commit.err()).isZero();
        assertThat(Json.parse(commit.out()).path("findings")).hasSize(1);

        CliRun.Result range = cli().run("review", "--range", "HEAD~1..HEAD", "--format", "json", "--fail-on", "critical");
        assertThat(Json.parse(range.out()).path("target").asText()).isEqualTo("HEAD~1..HEAD");
        assertThat(Json.parse(range.out()).path("findings")).hasSize(1);
    }

    @Test
    void nothingToReviewIsASuccessWithoutAModelCall() {
        Peers.run(work, "git", "commit", "-q", "-m", "x");
        CliRun.Result r = cli().run("review");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("nothing to review in the uncommitted changes");
        assertThat(fake.chatRequests()).isEmpty();
    }

    @Test
    void outsideARepositoryOrWithBadOptionsItSaysWhatToDo(@TempDir Path plain) {
        CliRun.Result r = new CliRun(home, plain).provider("anthropic", fake).run("review");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("git");
        CliRun.Result both = cli().run("review", "--staged", "--commit", "HEAD");
        assertThat(both.exitCode()).isEqualTo(2);
        CliRun.Result level = cli().run("review", "--fail-on", "severe");
        assertThat(level.exitCode()).isEqualTo(2);
        assertThat(level.err()).contains("info, low, medium, high, critical");
    }

    @Test
    void aProviderFailureIsAnIncompleteReviewNotAFinding() {
        fake.conversation(Step.error(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"bad request\"}}", java.util.Map.of()));
        CliRun.Result r = cli().run("review");
        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.err()).contains("the review is incomplete");
    }

    @Test
    void theReviewerGetsTheLanguageServersDiagnosticsOfTheChangedFiles() throws IOException {
        Peers.require("clangd");
        Files.writeString(work.resolve("prog.c"), "int main(void) {\n    return undefined_name;\n}\n");
        Peers.run(work, "git", "add", "prog.c");
        fake.conversation(Step.text("Reviewed."));

        CliRun.Result r = cli().run("review", "--staged");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(fake.chatRequests().get(0).bodyText()).contains("<diagnostics path=\\\"prog.c\\\"")
                .contains("undefined_name");
    }

    @Test
    void theReviewerIsToldWhichFilesImportAChangedOne() throws IOException {
        Files.writeString(work.resolve("main.py"), "from app import load\n\nprint(load('x'))\n");
        Peers.run(work, "git", "add", "main.py");
        Peers.run(work, "git", "commit", "-q", "-m", "main");
        Files.writeString(work.resolve("app.py"), AFTER.replace("eval(", "eval( "));
        Peers.run(work, "git", "add", "app.py");
        fake.conversation(Step.text("Reviewed."));

        CliRun.Result r = cli().run("review", "--staged");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(fake.chatRequests().get(0).bodyText()).contains("Imported by (callers a change may break): main.py");
    }
}
