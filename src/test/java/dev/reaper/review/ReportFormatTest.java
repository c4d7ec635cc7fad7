package dev.reaper.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.reaper.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every report format from the same findings; SARIF checked against the official SARIF 2.1.0 schema. */
class ReportFormatTest {

    static final ReviewReport REPORT = new ReviewReport("staged changes", List.of("app/db.py", "app/util.py"), List.of(
            new Finding("app/db.py", 12, 13, Severity.CRITICAL, Category.SECURITY,
                    "The query is built by string formatting from user input: SQL injection.",
                    "--- a/app/db.py\n+++ b/app/db.py\n@@ -12 +12 @@\n-    cur.execute(\"select * from t where id=%s\" % uid)\n"
                            + "+    cur.execute(\"select * from t where id=%s\", (uid,))\n"),
            new Finding("app/util.py", 4, 4, Severity.LOW, Category.STYLE, "Name | shadows the builtin `list`.", null)),
            List.of("app/old.py:3 (high) dropped: lines 3-3 of app/old.py are outside the diff"), 0.0123);

    static final ReviewReport EMPTY = new ReviewReport("main..feature", List.of("a.py"), List.of(), List.of(), 0.001);

    static JsonSchema sarifSchema() {
        return dev.reaper.testing.Sarif.schema();
    }

    @Test
    void sarifValidatesAgainstTheOfficialSchemaAndCarriesWhatCodeScanningReads() throws IOException {
        JsonSchema schema = sarifSchema();
        for (ReviewReport r : List.of(REPORT, EMPTY)) {
            JsonNode sarif = Json.parse(ReportFormat.SARIF.write(r, "0.1.0"));
            Set<ValidationMessage> errors = schema.validate(sarif);
            assertThat(errors).as("SARIF schema violations").isEmpty();
        }
        JsonNode sarif = Json.parse(ReportFormat.SARIF.write(REPORT, "0.1.0"));
        JsonNode run = sarif.path("runs").get(0);
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("Reaper");
        JsonNode first = run.path("results").get(0);
        assertThat(first.path("ruleId").asText()).isEqualTo("reaper/security");
        assertThat(run.path("tool").path("driver").path("rules").get(first.path("ruleIndex").asInt()).path("id").asText())
                .isEqualTo("reaper/security");
        assertThat(first.path("level").asText()).isEqualTo("error");
        assertThat(first.path("properties").path("security-severity").asText()).isEqualTo("9.5");
        JsonNode loc = first.path("locations").get(0).path("physicalLocation");
        assertThat(loc.path("artifactLocation").path("uri").asText()).isEqualTo("app/db.py");
        assertThat(loc.path("region").path("startLine").asInt()).isEqualTo(12);
        assertThat(loc.path("region").path("endLine").asInt()).isEqualTo(13);
        assertThat(first.path("partialFingerprints").path("reaperFinding/v1").asText()).hasSize(32);
        assertThat(run.path("results").get(1).path("level").asText()).isEqualTo("note");
    }

    @Test
    void aBrokenSarifDocumentFailsTheSchema() throws IOException {
        // the schema check itself can fail: a result without a message is not SARIF
        JsonNode bad = Json.parse("{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\"}},"
                + "\"results\":[{\"ruleId\":\"r\"}]}]}");
        assertThat(sarifSchema().validate(bad)).isNotEmpty();
    }

    @Test
    void jsonHasEveryField() {
        JsonNode j = Json.parse(ReportFormat.JSON.write(REPORT, "0.1.0"));
        assertThat(j.path("target").asText()).isEqualTo("staged changes");
        JsonNode f = j.path("findings").get(0);
        assertThat(f.path("path").asText()).isEqualTo("app/db.py");
        assertThat(f.path("start_line").asInt()).isEqualTo(12);
        assertThat(f.path("severity").asText()).isEqualTo("critical");
        assertThat(f.path("category").asText()).isEqualTo("security");
        assertThat(f.path("fix").asText()).contains("(uid,)");
        assertThat(j.path("notes").get(0).asText()).contains("dropped");
        assertThat(j.path("cost_usd").asDouble()).isEqualTo(0.0123);
    }

    @Test
    void markdownIsAPullRequestComment() {
        String md = ReportFormat.MARKDOWN.write(REPORT, "0.1.0");
        assertThat(md).startsWith("## Reaper review of staged changes")
                .contains("| 🔴 critical | security | `app/db.py:12` |")
                .contains("Name \\| shadows") // a pipe cannot break the table
                .contains("```diff\n--- a/app/db.py")
                .contains("<details><summary>Notes</summary>");
        assertThat(ReportFormat.MARKDOWN.write(EMPTY, "0.1.0")).contains("No findings in 1 changed file.");
    }

    @Test
    void textListsFindingsMostSevereFirst() {
        String text = ReportFormat.TEXT.write(REPORT, "0.1.0");
        assertThat(text.indexOf("app/db.py:12-13  CRITICAL  security")).isLessThan(text.indexOf("app/util.py:4  LOW"));
        assertThat(text).contains("suggested fix:").contains("2 findings in staged changes ($0.0123)")
                .contains("note: app/old.py:3 (high) dropped");
        assertThat(ReportFormat.TEXT.write(EMPTY, "0.1.0")).isEqualTo("No findings in main..feature (1 file).\n");
    }

    @Test
    void failOnComparesBySeverity() {
        assertThat(REPORT.failsAt(Severity.CRITICAL)).isTrue();
        assertThat(REPORT.failsAt(Severity.LOW)).isTrue();
        assertThat(EMPTY.failsAt(Severity.INFO)).isFalse();
        ReviewReport onlyLow = new ReviewReport("x", List.of(), List.of(REPORT.findings().get(1)), List.of(), 0);
        assertThat(onlyLow.failsAt(Severity.MEDIUM)).isFalse();
    }
}
