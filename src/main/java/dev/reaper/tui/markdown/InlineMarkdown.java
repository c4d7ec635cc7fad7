package dev.reaper.tui.markdown;

import dev.reaper.tui.text.Span;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.theme.Role;
import java.util.ArrayList;
import java.util.List;

/** Inline markdown: **bold**, *italic*, `code`, [links](url) and autolinks, into styled spans. */
final class InlineMarkdown {

    private InlineMarkdown() {}

    static List<Span> parse(String text, Style base) {
        List<Span> out = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n && "\\`*_[]()#+-.!|~".indexOf(text.charAt(i + 1)) >= 0) {
                plain.append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '`') {
                int ticks = run(text, i, '`');
                String fence = "`".repeat(ticks);
                int end = text.indexOf(fence, i + ticks);
                if (end > 0) {
                    flush(out, plain, base);
                    out.add(new Span(text.substring(i + ticks, end).strip(), base.withFg(Role.CODE).withBg(Role.CODE_BG)));
                    i = end + ticks;
                    continue;
                }
            }
            if ((c == '*' || c == '_') && i + 1 < n && text.charAt(i + 1) == c) {
                String marker = "" + c + c;
                int end = text.indexOf(marker, i + 2);
                if (end > i + 2) {
                    flush(out, plain, base);
                    for (Span s : parse(text.substring(i + 2, end), base.asBold())) {
                        out.add(s);
                    }
                    i = end + 2;
                    continue;
                }
            }
            if ((c == '*' || c == '_') && i + 1 < n && text.charAt(i + 1) != ' '
                    && (c == '*' || i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int end = text.indexOf(c, i + 1);
                if (end > i + 1 && text.charAt(end - 1) != ' '
                        && (c == '*' || end + 1 >= n || !Character.isLetterOrDigit(text.charAt(end + 1)))) {
                    flush(out, plain, base);
                    for (Span s : parse(text.substring(i + 1, end), base.asItalic())) {
                        out.add(s);
                    }
                    i = end + 1;
                    continue;
                }
            }
            if (c == '~' && text.startsWith("~~", i)) {
                int end = text.indexOf("~~", i + 2);
                if (end > i + 2) {
                    flush(out, plain, base);
                    out.add(new Span(text.substring(i + 2, end), base.withFg(Role.MUTED)));
                    i = end + 2;
                    continue;
                }
            }
            if (c == '[') {
                int close = text.indexOf(']', i + 1);
                if (close > i && close + 1 < n && text.charAt(close + 1) == '(') {
                    int paren = text.indexOf(')', close + 2);
                    if (paren > close) {
                        String label = text.substring(i + 1, close);
                        String url = text.substring(close + 2, paren);
                        flush(out, plain, base);
                        out.add(new Span(label, base.withFg(Role.LINK).asUnderline()));
                        if (!url.equals(label) && !url.isBlank()) {
                            out.add(new Span(" (" + url + ")", base.withFg(Role.MUTED)));
                        }
                        i = paren + 1;
                        continue;
                    }
                }
            }
            if ((c == 'h') && (text.startsWith("https://", i) || text.startsWith("http://", i))
                    && (i == 0 || text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '(')) {
                int j = i;
                while (j < n && !Character.isWhitespace(text.charAt(j)) && text.charAt(j) != ')') {
                    j++;
                }
                flush(out, plain, base);
                out.add(new Span(text.substring(i, j), base.withFg(Role.LINK).asUnderline()));
                i = j;
                continue;
            }
            plain.append(c);
            i++;
        }
        flush(out, plain, base);
        return out;
    }

    private static int run(String s, int i, char c) {
        int j = i;
        while (j < s.length() && s.charAt(j) == c) {
            j++;
        }
        return j - i;
    }

    private static void flush(List<Span> out, StringBuilder plain, Style base) {
        if (!plain.isEmpty()) {
            out.add(new Span(plain.toString(), base));
            plain.setLength(0);
        }
    }
}
