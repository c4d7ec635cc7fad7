package dev.reaper.tui.state;

import java.util.List;

/** The completion popup over the input: candidates for the word being typed. */
public final class Popup {

    /** One candidate: what is inserted, and a hint shown beside it. */
    public record Item(String text, String hint) {}

    public final List<Item> items;
    public int selected;

    public Popup(List<Item> items) {
        this.items = List.copyOf(items);
    }
}
