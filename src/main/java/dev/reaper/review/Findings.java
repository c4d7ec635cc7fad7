package dev.reaper.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The findings of one review, gathered from parts reviewed in parallel: each is checked against the
 * diff when reported, and those outside it are dropped with a note.
 */
public final class Findings {

    private final ChangedLines diff;
    private final List<Finding> kept = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();

    public Findings(ChangedLines diff) {
        this.diff = diff;
    }

    /** Keeps the finding when it is within the diff; returns why it was dropped otherwise. */
    public synchronized String report(Finding f) {
        String why = diff.whyOutside(f.path(), f.startLine(), f.endLine());
        if (why != null) {
            dropped.add(f.path() + ":" + f.startLine() + " (" + f.severity().id() + ") dropped: " + why);
            return why;
        }
        for (Finding k : kept) {
            if (k.path().equals(f.path()) && k.startLine() == f.startLine() && k.message().equals(f.message())) {
                return null; // the same finding from two parts
            }
        }
        kept.add(f);
        return null;
    }

    /** The findings, most severe first, then by file and line. */
    public synchronized List<Finding> kept() {
        List<Finding> out = new ArrayList<>(kept);
        out.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::path)
                .thenComparingInt(Finding::startLine));
        return out;
    }

    public synchronized List<String> dropped() {
        return List.copyOf(dropped);
    }

    public ChangedLines diff() {
        return diff;
    }
}
