package dev.reaper.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a set of file edits all or nothing: each file is replaced atomically, and when a write fails
 * part way (a full disk) the files already written are put back as they were.
 */
public final class FileEdits {

    private FileEdits() {}

    public static void apply(List<FileEdit> edits, ToolContext context) throws ToolFailure {
        List<FileEdit> done = new ArrayList<>();
        try {
            for (FileEdit e : edits) {
                context.changes().changed(e.path(), e.before(), e.after());
                if (e.after() == null) {
                    Files.deleteIfExists(e.path());
                } else {
                    TextFiles.writeAtomically(e.path(), e.after());
                }
                done.add(e);
            }
        } catch (IOException failure) {
            List<String> unrestored = new ArrayList<>();
            for (FileEdit e : done) {
                try {
                    if (e.before() == null) {
                        Files.deleteIfExists(e.path());
                    } else {
                        TextFiles.writeAtomically(e.path(), e.before());
                    }
                    context.changes().changed(e.path(), e.after(), e.before());
                } catch (IOException again) {
                    unrestored.add(context.workspace().relative(e.path()));
                }
            }
            throw new ToolFailure("writing the change failed (" + failure.getMessage() + "); "
                    + (unrestored.isEmpty() ? "every file was restored" : "could not restore " + unrestored));
        }
    }

    /** The files an edit list touches, relative to the workspace. */
    public static List<String> paths(List<FileEdit> edits, ToolContext context) {
        List<String> out = new ArrayList<>();
        for (FileEdit e : edits) {
            out.add(context.workspace().relative(e.path()));
        }
        return out;
    }

}
