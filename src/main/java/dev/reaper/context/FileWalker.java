package dev.reaper.context;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.function.BooleanSupplier;

/**
 * Walks the files under a directory in a stable order, skipping what the ignore rules exclude: an ignored
 * directory is not entered, so only each entry's own name is left to decide. Symlinks are not followed
 * (so the walk cannot leave the workspace); unreadable directories are skipped.
 */
public final class FileWalker {

    /** Receives each file; returns false to stop the walk. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(Path file, BasicFileAttributes attrs);
    }

    private FileWalker() {}

    public static void walk(Path start, IgnoreRules ignore, BooleanSupplier cancelled, Visitor visitor)
            throws IOException {
        if (ignore.isIgnored(start, true)) {
            return; // everything below an ignored directory is ignored
        }
        Files.walkFileTree(start, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (cancelled.getAsBoolean()) {
                            return FileVisitResult.TERMINATE;
                        }
                        if (!dir.equals(start) && ignore.isIgnoredEntry(dir, true)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (!attrs.isRegularFile() || ignore.isIgnoredEntry(file, false)) {
                            return FileVisitResult.CONTINUE;
                        }
                        return visitor.visit(file, attrs) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;
                    }
                });
    }
}
