package dev.reaper.tui.text;

/**
 * Terminal column widths of text: CJK and emoji take two columns, combining marks and zero-width
 * characters none. Text is measured by code points; tabs are expanded before measuring.
 */
public final class Cells {

    private Cells() {}

    public static int width(int codePoint) {
        if (codePoint == 0 || codePoint == 0x200B || codePoint == 0x200D || codePoint == 0xFE0F || codePoint == 0xFE0E) {
            return 0;
        }
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        if (codePoint < 0x1100) {
            return 1;
        }
        if ((codePoint <= 0x115F) // Hangul Jamo
                || (codePoint >= 0x2E80 && codePoint <= 0xA4CF && codePoint != 0x303F) // CJK ... Yi
                || (codePoint >= 0xAC00 && codePoint <= 0xD7A3) // Hangul syllables
                || (codePoint >= 0xF900 && codePoint <= 0xFAFF) // CJK compatibility ideographs
                || (codePoint >= 0xFE30 && codePoint <= 0xFE4F) // CJK compatibility forms
                || (codePoint >= 0xFF00 && codePoint <= 0xFF60) // fullwidth forms
                || (codePoint >= 0xFFE0 && codePoint <= 0xFFE6)
                || (codePoint >= 0x1F300 && codePoint <= 0x1F64F) // emoji
                || (codePoint >= 0x1F900 && codePoint <= 0x1F9FF)
                || (codePoint >= 0x20000 && codePoint <= 0x3FFFD)) {
            return 2;
        }
        return 1;
    }

    public static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += width(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    /** Tabs to spaces (tab stops of 4) and control characters to visible placeholders. */
    public static String printable(String s) {
        if (s.indexOf('\t') < 0 && !hasControl(s)) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        int col = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                int n = 4 - (col % 4);
                sb.append(" ".repeat(n));
                col += n;
            } else if (c < 0x20 || c == 0x7f) {
                sb.append('\u00b7');
                col++;
            } else {
                sb.append(c);
                col++;
            }
        }
        return sb.toString();
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
