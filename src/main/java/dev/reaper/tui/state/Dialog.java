package dev.reaper.tui.state;

import dev.reaper.agent.Approver;
import dev.reaper.agent.Comparison;
import dev.reaper.edit.Hunks;
import dev.reaper.router.ModelRef;
import dev.reaper.tools.FileEdit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The modal views: at most one is open, over the chat, and it takes the keys. */
public sealed interface Dialog {

    /**
     * A tool call waiting for approval. For edits, every hunk of every file is listed and can be kept or
     * rejected one by one.
     */
    final class Approval implements Dialog {
        public final Approver.Request request;
        public final CompletableFuture<Approver.Answer> answer;
        /** Per file, its hunks. */
        public final List<List<Hunks.Hunk>> hunks = new ArrayList<>();
        /** "file:hunk" keys of the hunks the user rejected. */
        public final Set<String> rejected = new HashSet<>();
        public int selected;
        public int scroll;

        public Approval(Approver.Request request, CompletableFuture<Approver.Answer> answer) {
            this.request = request;
            this.answer = answer;
            for (FileEdit e : request.edits()) {
                hunks.add(e.after() == null || e.before() == null ? List.of() : Hunks.of(e.before(), e.after()));
            }
        }

        public int hunkCount() {
            int n = 0;
            for (List<Hunks.Hunk> h : hunks) {
                n += h.size();
            }
            return n;
        }
    }

    /** A list to choose from, filtered by typing. */
    final class Picker implements Dialog {
        public final String title;
        public final List<Item> items;
        public final Consumer<Item> onPick;
        public final Consumer<Item> onDelete;
        public final StringBuilder filter = new StringBuilder();
        public int selected;
        /** Text above the choices (a question), wrapped; none when empty. */
        public String header = "";
        /** Run when the picker goes without a pick (Escape, or an approval taking its place). */
        public Runnable onDismiss = () -> { };

        public record Item(String label, String detail, String value) {}

        public Picker(String title, List<Item> items, Consumer<Item> onPick, Consumer<Item> onDelete) {
            this.title = title;
            this.items = new ArrayList<>(items);
            this.onPick = onPick;
            this.onDelete = onDelete;
        }

        public List<Item> visible() {
            String f = filter.toString().toLowerCase(java.util.Locale.ROOT);
            if (f.isEmpty()) {
                return items;
            }
            return items.stream().filter(i -> (i.label() + " " + i.detail()).toLowerCase(java.util.Locale.ROOT)
                    .contains(f)).toList();
        }
    }

    /** Text to read (help, a long tool output). */
    record Info(String title, List<String> lines) implements Dialog {}

    /** Several models answering the same prompt, side by side. */
    final class Compare implements Dialog {
        public final String prompt;
        public final List<ModelRef> models;
        public final List<StringBuilder> texts = new ArrayList<>();
        public final List<Comparison.Result> results = new ArrayList<>();
        public int scroll;

        public Compare(String prompt, List<ModelRef> models) {
            this.prompt = prompt;
            this.models = List.copyOf(models);
            for (int i = 0; i < models.size(); i++) {
                texts.add(new StringBuilder());
                results.add(null);
            }
        }

        public boolean done() {
            return results.stream().allMatch(java.util.Objects::nonNull);
        }
    }
}
