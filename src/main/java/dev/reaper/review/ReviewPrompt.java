package dev.reaper.review;

import java.util.List;
import java.util.Map;

/** What the reviewing model is told: how to review, and for each part the diff with the code around it. */
public final class ReviewPrompt {

    /** Lines of code shown above and below each changed range. */
    static final int AROUND = 20;

    private ReviewPrompt() {}

    public static String system(String workspaceName) {
        return """
                You are Reaper's code reviewer, reviewing a change to the repository %s. Find real problems in the \
                lines the change adds or modifies: bugs (wrong results, crashes, unhandled edge cases, races), \
                security problems (injection, secrets in code, unsafe deserialisation, path traversal, missing \
                authorisation, weak cryptography), performance problems, style problems that hurt readability or \
                break the codebase's conventions, and missing or weak tests.

                Report each problem with the report_finding tool: the file, the line range in the new version, a \
                severity (critical: exploitable or data-losing; high: a bug users will hit; medium: a bug in an edge \
                case or a notable weakness; low: minor; info: a remark), a category, a message that says what is \
                wrong and why it matters, and when you can, a fix as a unified diff. Read more of the code with \
                read, grep and glob when you need to be sure. Do not report problems in code the change did not \
                touch, do not report things you are unsure of as bugs, and do not praise. You cannot change files. \
                When you are done, answer with one line summarising the change's quality.""".formatted(workspaceName);
    }

    /**
     * The request for one part: the diff of its files, the code around each change, and facts Reaper knows
     * (who imports the changed files, diagnostics), when there are any.
     */
    public static String part(String target, ReviewPlan.Part part, int parts, Map<String, List<String>> facts) {
        StringBuilder sb = new StringBuilder("Review ").append(target);
        if (parts > 1) {
            sb.append(", part ").append(part.index()).append(" of ").append(parts).append(" (other parts are reviewed"
                    + " separately; report only on these files)");
        }
        sb.append(".\n\n");
        for (ReviewInput.FilePatch f : part.files()) {
            sb.append("<diff path=\"").append(f.path()).append("\">\n").append(f.patch());
            if (!f.patch().endsWith("\n")) {
                sb.append('\n');
            }
            sb.append("</diff>\n");
            sb.append(around(f));
            for (String fact : facts.getOrDefault(f.path(), List.of())) {
                sb.append(fact).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The new version's lines around each changed range, numbered, so findings can cite lines. */
    static String around(ReviewInput.FilePatch f) {
        if (f.newContent() == null || f.changed().isEmpty()) {
            return "";
        }
        List<String> lines = f.newContent().lines().toList();
        StringBuilder sb = new StringBuilder("<code path=\"").append(f.path()).append("\">\n");
        int shownUpTo = 0;
        for (ChangedLines.Range r : f.changed()) {
            int from = Math.max(Math.max(1, r.start() - AROUND), shownUpTo + 1);
            int to = Math.min(lines.size(), r.end() + AROUND);
            if (from > to) {
                continue;
            }
            if (shownUpTo > 0 && from > shownUpTo + 1) {
                sb.append("     …\n");
            }
            for (int i = from; i <= to; i++) {
                sb.append(String.format("%5d  %s%n", i, lines.get(i - 1)));
            }
            shownUpTo = to;
        }
        return sb.append("</code>\n").toString();
    }
}
