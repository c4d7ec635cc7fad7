package dev.reaper.review;

import java.util.Locale;

/** The review for a terminal: one block per finding, most severe first, then the notes. */
final class TextReport {

    private TextReport() {}

    static String write(ReviewReport r) {
        StringBuilder sb = new StringBuilder();
        if (r.findings().isEmpty()) {
            sb.append("No findings in ").append(r.target()).append(" (").append(r.files().size()).append(" file")
                    .append(r.files().size() == 1 ? "" : "s").append(").\n");
        }
        for (Finding f : r.findings()) {
            sb.append(f.path()).append(':').append(f.startLine()).append(f.endLine() > f.startLine() ? "-" + f.endLine() : "")
                    .append("  ").append(f.severity().id().toUpperCase(Locale.ROOT)).append("  ").append(f.category().id())
                    .append('\n').append("  ").append(f.message().replace("\n", "\n  ")).append('\n');
            if (f.fix() != null) {
                sb.append("  suggested fix:\n");
                f.fix().lines().forEach(l -> sb.append("    ").append(l).append('\n'));
            }
            sb.append('\n');
        }
        if (!r.findings().isEmpty()) {
            sb.append(r.findings().size()).append(" finding").append(r.findings().size() == 1 ? "" : "s").append(" in ")
                    .append(r.target()).append(String.format(Locale.ROOT, " ($%.4f)", r.costUsd())).append('\n');
        }
        r.notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
        return sb.toString();
    }
}
