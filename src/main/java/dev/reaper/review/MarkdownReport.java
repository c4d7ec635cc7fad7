package dev.reaper.review;

import java.util.Locale;

/** The review as a pull-request comment: a summary table, then each finding with its suggested fix. */
final class MarkdownReport {

    private MarkdownReport() {}

    static String write(ReviewReport r) {
        StringBuilder sb = new StringBuilder("## Reaper review of ").append(r.target()).append("\n\n");
        if (r.findings().isEmpty()) {
            sb.append("No findings in ").append(r.files().size()).append(" changed file")
                    .append(r.files().size() == 1 ? "" : "s").append(".\n");
        } else {
            sb.append("| severity | category | where | finding |\n|---|---|---|---|\n");
            for (Finding f : r.findings()) {
                sb.append("| ").append(badge(f.severity())).append(" | ").append(f.category().id()).append(" | `")
                        .append(f.path()).append(':').append(f.startLine()).append("` | ").append(cell(firstLine(f.message())))
                        .append(" |\n");
            }
            sb.append('\n');
            for (Finding f : r.findings()) {
                sb.append("### ").append(badge(f.severity())).append(" `").append(f.path()).append(':').append(f.startLine())
                        .append(f.endLine() > f.startLine() ? "-" + f.endLine() : "").append("` (").append(f.category().id())
                        .append(")\n\n").append(f.message()).append("\n\n");
                if (f.fix() != null) {
                    sb.append("<details><summary>Suggested fix</summary>\n\n```diff\n").append(f.fix().strip())
                            .append("\n```\n\n</details>\n\n");
                }
            }
        }
        if (!r.notes().isEmpty()) {
            sb.append("<details><summary>Notes</summary>\n\n");
            r.notes().forEach(n -> sb.append("- ").append(cell(n)).append('\n'));
            sb.append("\n</details>\n");
        }
        sb.append(String.format(Locale.ROOT, "%n<sub>%d file%s reviewed for $%.4f</sub>%n", r.files().size(),
                r.files().size() == 1 ? "" : "s", r.costUsd()));
        return sb.toString();
    }

    private static String badge(Severity s) {
        return switch (s) {
            case CRITICAL -> "🔴 critical";
            case HIGH -> "🟠 high";
            case MEDIUM -> "🟡 medium";
            case LOW -> "🔵 low";
            case INFO -> "⚪ info";
        };
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    /** Text safe inside a table cell: pipes escaped, no line breaks. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }
}
