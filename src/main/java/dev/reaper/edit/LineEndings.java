package dev.reaper.edit;

/** Edits work on LF text; files keep the line endings they had. */
final class LineEndings {

    private LineEndings() {}

    static boolean usesCrlf(String content) {
        int lf = content.indexOf('\n');
        return lf > 0 && content.charAt(lf - 1) == '\r';
    }

    static String toLf(String s) {
        return s.replace("\r\n", "\n");
    }

    static String toCrlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
