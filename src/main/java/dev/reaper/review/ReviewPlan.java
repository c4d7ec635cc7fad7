package dev.reaper.review;

import java.util.ArrayList;
import java.util.List;

/**
 * How a change is split for review: files in order, grouped into parts of about {@code partChars} of
 * patch each (a large diff is split by file; a file larger than a part is a part of its own, its patch
 * cut with a note), so that parts can be reviewed in parallel and each fits a model's attention.
 */
public final class ReviewPlan {

    public static final int PART_CHARS = 24_000;
    static final int FILE_PATCH_CAP = 60_000;

    public record Part(int index, List<ReviewInput.FilePatch> files) {}

    private ReviewPlan() {}

    /** The parts, and notes on files left out (deleted, binary) or cut. */
    public static List<Part> split(ReviewInput input, int partChars, List<String> notes) {
        List<Part> parts = new ArrayList<>();
        List<ReviewInput.FilePatch> current = new ArrayList<>();
        int size = 0;
        for (ReviewInput.FilePatch f : input.files()) {
            if (f.binary()) {
                notes.add(f.path() + " is binary: not reviewed");
                continue;
            }
            if (f.newContent() == null) {
                notes.add(f.path() + " was deleted: not reviewed");
                continue;
            }
            ReviewInput.FilePatch kept = f;
            if (f.patch().length() > FILE_PATCH_CAP) {
                notes.add(f.path() + ": its diff is " + f.patch().length() / 1000 + " KB; only the first "
                        + FILE_PATCH_CAP / 1000 + " KB were reviewed");
                kept = new ReviewInput.FilePatch(f.path(), f.patch().substring(0, FILE_PATCH_CAP)
                        + "\n[… the rest of this file's diff is not shown]\n", f.changed(), f.newContent(), false);
            }
            if (!current.isEmpty() && size + kept.patch().length() > partChars) {
                parts.add(new Part(parts.size() + 1, current));
                current = new ArrayList<>();
                size = 0;
            }
            current.add(kept);
            size += kept.patch().length();
        }
        if (!current.isEmpty()) {
            parts.add(new Part(parts.size() + 1, current));
        }
        return parts;
    }
}
