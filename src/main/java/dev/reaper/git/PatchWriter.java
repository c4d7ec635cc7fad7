package dev.reaper.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.diff.DiffDriver;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Turns the changes between two trees (commits, the index or the working tree) into {@link FileDiff}s:
 * each file's patch written on its own and cut to size, with the new side's changed lines taken from the
 * edit list JGit diffed (not from the text, so they stay complete when the text is cut).
 */
final class PatchWriter extends DiffFormatter {

    private final Capped out;
    private boolean binary;
    private List<FileDiff.LineRange> changed = List.of();

    private PatchWriter(Capped out, Repository repo, boolean renames, String... paths) {
        super(out);
        this.out = out;
        setRepository(repo);
        setDetectRenames(renames);
        setBinaryFileThreshold(Diff.MAX_TEXT_BYTES);
        List<String> filter = PathFilters.normalize(paths);
        if (!filter.isEmpty()) {
            setPathFilter(PathFilterGroup.createFromStrings(filter));
        }
    }

    /**
     * The changes from {@code oldSide} to {@code newSide}. Renames are found when asked (git diff finds
     * them by default; between the index and the working tree there is nothing to pair an addition with).
     */
    static Diff diff(Repository repo, AbstractTreeIterator oldSide, AbstractTreeIterator newSide, boolean renames,
                     String... paths) throws IOException {
        try (PatchWriter w = new PatchWriter(new Capped(), repo, renames, paths)) {
            List<FileDiff> files = new ArrayList<>();
            for (DiffEntry e : w.scan(oldSide, newSide)) {
                files.add(w.file(e));
            }
            return new Diff(files);
        }
    }

    /**
     * The paths that differ between two sides, without reading any content beyond what the comparison
     * needs: no patch is made and no rename is looked for. Added files are left out when {@code additions}
     * is false (from the index to the working tree, those are untracked files).
     */
    static Set<String> changedPaths(Repository repo, AbstractTreeIterator oldSide, AbstractTreeIterator newSide,
                                    boolean additions, String... paths) throws IOException {
        try (PatchWriter w = new PatchWriter(new Capped(), repo, false, paths)) {
            Set<String> changed = new LinkedHashSet<>();
            for (DiffEntry e : w.scan(oldSide, newSide)) {
                if (e.getChangeType() != DiffEntry.ChangeType.ADD) {
                    changed.add(e.getOldPath());
                } else if (additions) {
                    changed.add(e.getNewPath());
                }
            }
            return changed;
        }
    }

    private FileDiff file(DiffEntry e) throws IOException {
        out.reset();
        binary = false;
        changed = List.of();
        format(e);
        flush();
        FileDiff.ChangeType type = switch (e.getChangeType()) {
            case ADD, COPY -> FileDiff.ChangeType.ADD;
            case MODIFY -> FileDiff.ChangeType.MODIFY;
            case DELETE -> FileDiff.ChangeType.DELETE;
            case RENAME -> FileDiff.ChangeType.RENAME;
        };
        String oldPath = type == FileDiff.ChangeType.ADD ? null : e.getOldPath();
        String newPath = type == FileDiff.ChangeType.DELETE ? null : e.getNewPath();
        return new FileDiff(oldPath, newPath, type, binary, out.text(), out.overflow > 0, changed);
    }

    /** Called for every file by {@link #format(DiffEntry)}: where the kind of patch and its edits are known. */
    @Override
    public void format(FileHeader head, RawText a, RawText b, DiffDriver driver) throws IOException {
        binary = head.getPatchType() != FileHeader.PatchType.UNIFIED;
        if (!binary) {
            changed = newSideLines(head.toEditList());
        }
        super.format(head, a, b, driver);
    }

    /** The inserted and replaced lines of the new side as merged 1-based ranges. */
    private static List<FileDiff.LineRange> newSideLines(List<Edit> edits) {
        List<FileDiff.LineRange> ranges = new ArrayList<>();
        for (Edit edit : edits) {
            if (edit.getEndB() <= edit.getBeginB()) {
                continue; // a pure deletion leaves no line on the new side
            }
            int start = edit.getBeginB() + 1;
            int end = edit.getEndB();
            FileDiff.LineRange last = ranges.isEmpty() ? null : ranges.getLast();
            if (last != null && start <= last.end() + 1) {
                ranges.set(ranges.size() - 1, new FileDiff.LineRange(last.start(), Math.max(end, last.end())));
            } else {
                ranges.add(new FileDiff.LineRange(start, end));
            }
        }
        return ranges;
    }

    /** Keeps the first {@link Diff#MAX_PATCH_BYTES} bytes written and counts the rest. */
    private static final class Capped extends OutputStream {

        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long overflow;

        void reset() {
            kept.reset();
            overflow = 0;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int room = Math.max(0, Diff.MAX_PATCH_BYTES - kept.size());
            int take = Math.min(room, len);
            kept.write(b, off, take);
            overflow += len - take;
        }

        /** The kept text, cut back to its last whole line when more was written, with a note. */
        String text() {
            byte[] bytes = kept.toByteArray();
            if (overflow == 0) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            long dropped = overflow + bytes.length - end;
            return new String(bytes, 0, end, StandardCharsets.UTF_8)
                    + "[patch cut: " + dropped + " more bytes not shown]\n";
        }
    }
}
