package dev.reaper.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.json.Json;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Findings are checked against the diff as the model reports them; the plan splits large changes by file. */
class FindingsTest {

    static ChangedLines diff() {
        return new ChangedLines().add("a.py", 40, List.of(new ChangedLines.Range(10, 12), new ChangedLines.Range(30, 30)));
    }

    @Test
    void findingsOutsideTheDiffOrPastTheEndAreDroppedWithTheReason() throws ToolFailure {
        Findings findings = new Findings(diff());
        ReportFindingTool tool = new ReportFindingTool(findings);

        ToolOutput inside = tool.run(args("a.py", 11, "high", "bug"), null);
        ToolOutput near = tool.run(args("./a.py", 14, "low", "style"), null);
        ToolOutput outside = tool.run(args("a.py", 20, "medium", "bug"), null);
        ToolOutput missing = tool.run(args("a.py", 41, "medium", "bug"), null);
        ToolOutput otherFile = tool.run(args("b.py", 1, "medium", "bug"), null);

        assertThat(inside.isError()).isFalse();
        assertThat(near.isError()).as("within a few lines of a change").isFalse();
        assertThat(outside.text()).contains("outside the diff (changed: 10-12, 30)");
        assertThat(missing.text()).contains("has 40 lines; line 41 does not exist");
        assertThat(otherFile.text()).contains("b.py is not part of the change");
        assertThat(findings.kept()).extracting(Finding::startLine).containsExactly(11, 14);
        assertThat(findings.dropped()).hasSize(3);
    }

    @Test
    void badArgumentsAreToolFailuresTheModelCanFix() {
        ReportFindingTool tool = new ReportFindingTool(new Findings(diff()));
        assertThatThrownBy(() -> tool.run(args("a.py", 11, "severe", "bug"), null)).isInstanceOf(ToolFailure.class)
                .hasMessageContaining("is not one of info, low, medium, high, critical");
        JsonNode reversed = Json.parse("{\"path\":\"a.py\",\"start_line\":12,\"end_line\":3,\"severity\":\"low\","
                + "\"category\":\"bug\",\"message\":\"m\"}");
        assertThat(Json.write(reversed)).contains("end_line");
    }

    @Test
    void theSameFindingFromTwoPartsIsKeptOnce() throws ToolFailure {
        Findings findings = new Findings(diff());
        ReportFindingTool tool = new ReportFindingTool(findings);
        tool.run(args("a.py", 11, "high", "bug"), null);
        tool.run(args("a.py", 11, "high", "bug"), null);
        assertThat(findings.kept()).hasSize(1);
    }

    @Test
    void aLargeChangeIsSplitByFileAndHugeOrBinaryFilesAreNoted() {
        List<ReviewInput.FilePatch> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            files.add(new ReviewInput.FilePatch("f" + i + ".py", "+x\n".repeat(3_000), List.of(new ChangedLines.Range(1, 3000)),
                    "x\n".repeat(3_000), false));
        }
        files.add(new ReviewInput.FilePatch("huge.py", "+y\n".repeat(40_000), List.of(), "y\n".repeat(40_000), false));
        files.add(new ReviewInput.FilePatch("logo.png", "", List.of(), null, true));
        files.add(new ReviewInput.FilePatch("gone.py", "-z\n", List.of(), null, false));
        List<String> notes = new ArrayList<>();

        List<ReviewPlan.Part> parts = ReviewPlan.split(new ReviewInput("t", files), ReviewPlan.PART_CHARS, notes);

        assertThat(parts).hasSize(4);
        assertThat(parts.get(0).files()).extracting(ReviewInput.FilePatch::path).containsExactly("f0.py", "f1.py");
        assertThat(parts.get(3).files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("huge.py");
            assertThat(f.patch()).hasSizeLessThan(61_000).endsWith("not shown]\n");
        });
        assertThat(notes).anyMatch(n -> n.startsWith("huge.py: its diff is 120 KB"))
                .contains("logo.png is binary: not reviewed", "gone.py was deleted: not reviewed");
    }

    @Test
    void thePromptShowsNumberedCodeAroundEachChange() {
        ReviewInput.FilePatch f = new ReviewInput.FilePatch("a.py", "@@ -1 +1 @@\n-a\n+b\n",
                List.of(new ChangedLines.Range(30, 30)), "line\n".repeat(100), false);
        String prompt = ReviewPrompt.part("staged changes", new ReviewPlan.Part(1, List.of(f)), 2,
                java.util.Map.of("a.py", List.of("Imported by: b.py, c.py")));
        assertThat(prompt).contains("part 1 of 2").contains("<diff path=\"a.py\">").contains("   10  line")
                .contains("   50  line").doesNotContain("    9  line").doesNotContain("   51  line")
                .contains("Imported by: b.py, c.py");
    }

    static JsonNode args(String path, int line, String severity, String category) {
        return Json.parse("{\"path\":\"" + path + "\",\"start_line\":" + line + ",\"severity\":\"" + severity
                + "\",\"category\":\"" + category + "\",\"message\":\"something is wrong\"}");
    }
}
