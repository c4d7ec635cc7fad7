package dev.reaper.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table with left-aligned columns (right-aligned when a header starts with '>'). */
final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    void add(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(String.valueOf(c));
        }
        rows.add(row);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int n = headers.size();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = label(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        line(out, headerCells(), width);
        for (List<String> r : rows) {
            line(out, r, width);
        }
        out.flush();
    }

    private List<String> headerCells() {
        List<String> h = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            h.add(label(i));
        }
        return h;
    }

    private String label(int i) {
        String h = headers.get(i);
        return h.startsWith(">") ? h.substring(1) : h;
    }

    private void line(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean right = headers.get(i).startsWith(">");
            String pad = " ".repeat(width[i] - c.length());
            sb.append(right ? pad + c : c + (i == cells.size() - 1 ? "" : pad));
            if (i < cells.size() - 1) {
                sb.append("  ");
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
