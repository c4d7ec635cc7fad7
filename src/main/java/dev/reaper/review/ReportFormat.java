package dev.reaper.review;

import java.util.Locale;

/** How a review is written out ({@code --format}). */
public enum ReportFormat {
    TEXT, JSON, SARIF, MARKDOWN;

    public static ReportFormat parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("--format must be text, json, sarif or markdown, not " + s);
        }
    }

    /** Writes the report; {@code toolVersion} names Reaper's version where the format records it. */
    public String write(ReviewReport report, String toolVersion) {
        return switch (this) {
            case TEXT -> TextReport.write(report);
            case JSON -> JsonReport.write(report);
            case SARIF -> SarifReport.write(report, toolVersion);
            case MARKDOWN -> MarkdownReport.write(report);
        };
    }
}
