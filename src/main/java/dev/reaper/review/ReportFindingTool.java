package dev.reaper.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reaper.policy.ToolKind;
import dev.reaper.tools.Tool;
import dev.reaper.tools.ToolContext;
import dev.reaper.tools.ToolFailure;
import dev.reaper.tools.ToolOutput;
import java.util.List;

/**
 * {@code report_finding}: how the model reports a review finding, one call per finding, structured (file,
 * lines, severity, category, message, suggested fix as a patch) rather than written as prose. A finding
 * outside the diff is refused with the reason, so the model can correct it.
 */
public final class ReportFindingTool implements Tool {

    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,
             "required":["path","start_line","severity","category","message"],
             "properties":{
              "path":{"type":"string","description":"the file, relative to the repository root, as in the diff"},
              "start_line":{"type":"integer","minimum":1,"description":"first line of the problem in the new version"},
              "end_line":{"type":"integer","minimum":1,"description":"last line (defaults to start_line)"},
              "severity":{"type":"string","enum":["info","low","medium","high","critical"]},
              "category":{"type":"string","enum":["bug","security","performance","style","test"]},
              "message":{"type":"string","description":"what is wrong and why it matters, in one or two sentences"},
              "fix":{"type":"string","description":"optional: the fix as a unified diff of the file"}}}""";

    private final Findings findings;

    public ReportFindingTool(Findings findings) {
        this.findings = findings;
    }

    @Override
    public String name() {
        return "report_finding";
    }

    @Override
    public ToolKind kind() {
        return ToolKind.READ; // it records a finding; it changes nothing
    }

    @Override
    public String description() {
        return "Report one problem in the change under review: a bug, a security issue (injection, secrets,"
                + " unsafe deserialisation, path traversal, ...), a performance problem, a style problem or a"
                + " missing test. Only lines the diff added or changed (or a few around them) can be reported."
                + " Call it once per finding; report nothing when the change is fine.";
    }

    @Override
    public String inputSchema() {
        return SCHEMA;
    }

    @Override
    public List<String> targets(JsonNode args, ToolContext context) {
        return List.of();
    }

    @Override
    public ToolOutput run(JsonNode args, ToolContext context) throws ToolFailure {
        Finding f;
        try {
            int start = args.path("start_line").asInt();
            int end = args.hasNonNull("end_line") ? args.path("end_line").asInt() : start;
            String path = args.path("path").asText().replace('\\', '/');
            path = path.startsWith("./") ? path.substring(2) : path;
            f = new Finding(path, start, Math.max(start, end), Severity.parse(args.path("severity").asText()),
                    Category.parse(args.path("category").asText()), args.path("message").asText().strip(),
                    args.hasNonNull("fix") && !args.path("fix").asText().isBlank() ? args.path("fix").asText() : null);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(e.getMessage());
        }
        if (f.message().isEmpty()) {
            throw new ToolFailure("the message is empty: say what is wrong");
        }
        String dropped = findings.report(f);
        return dropped == null ? ToolOutput.ok("Recorded.")
                : ToolOutput.error("Not recorded: " + dropped + ". Report only lines the diff changed.");
    }
}
