package dev.reaper.tui.view;

/** A rectangle of screen cells. */
public record Rect(int col, int row, int width, int height) {

    public boolean isEmpty() {
        return width <= 0 || height <= 0;
    }

    public int bottom() {
        return row + height;
    }

    public int right() {
        return col + width;
    }

    public boolean contains(int c, int r) {
        return c >= col && c < right() && r >= row && r < bottom();
    }
}
