package dev.reaper.tui.view;

import dev.reaper.tui.state.TuiState;
import dev.reaper.tui.text.Cells;
import dev.reaper.tui.text.Span;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.text.StyledLine;
import dev.reaper.tui.theme.Role;
import java.util.ArrayList;
import java.util.List;

/** The input: the prompt text wrapped to the width with a prompt sign, and where the cursor is on it. */
final class InputView {

    private static final String PROMPT = "› ";
    private static final String CONTINUATION = "  ";

    private InputView() {}

    /** The visual rows of the input. Each text line is cut into rows of the width, without looking for spaces. */
    static List<StyledLine> lines(TuiState s, int width) {
        List<StyledLine> out = new ArrayList<>();
        String text = s.input.text();
        Style style = Style.of(Role.FOREGROUND);
        Role sign = s.running ? Role.MUTED : Role.ACCENT;
        if (text.isEmpty()) {
            String hint = s.running ? "working… type to queue the next prompt; esc stops"
                    : "type a prompt · / for commands · @ for files · ! for shell";
            out.add(new StyledLine(List.of(new Span(PROMPT, Style.of(sign).asBold()), new Span(hint, Style.of(Role.MUTED)))));
            return out;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String row : rows(lines[i], width - 2)) {
                String lead = out.isEmpty() ? PROMPT : CONTINUATION;
                out.add(new StyledLine(List.of(new Span(lead, Style.of(sign).asBold()), new Span(row, style))));
            }
        }
        return out;
    }

    private static List<String> rows(String line, int width) {
        List<String> out = new ArrayList<>();
        String printable = Cells.printable(line);
        int w = Math.max(1, width);
        StringBuilder cur = new StringBuilder();
        int col = 0;
        for (int i = 0; i < printable.length(); ) {
            int cp = printable.codePointAt(i);
            int cw = Cells.width(cp);
            if (col + cw > w) {
                out.add(cur.toString());
                cur.setLength(0);
                col = 0;
            }
            cur.appendCodePoint(cp);
            col += cw;
            i += Character.charCount(cp);
        }
        out.add(cur.toString());
        return out;
    }

    /** {row, column} of the cursor within the rows of {@link #lines}. */
    static int[] cursor(TuiState s, int width) {
        String text = s.input.text();
        int cursor = s.input.cursor();
        String[] lines = text.split("\n", -1);
        int row = 0;
        int offset = 0;
        int w = Math.max(1, width - 2);
        for (String line : lines) {
            List<String> rows = rows(line, width - 2);
            if (cursor <= offset + line.length()) {
                int col = Cells.width(Cells.printable(line.substring(0, cursor - offset)));
                int r = Math.min(rows.size() - 1, col / w);
                int c = col - r * w;
                if (c == w && r + 1 >= rows.size()) {
                    return new int[] {row + r, 2 + c - 1};
                }
                return new int[] {row + r, 2 + c};
            }
            row += rows.size();
            offset += line.length() + 1;
        }
        return new int[] {Math.max(0, row - 1), 2};
    }
}
