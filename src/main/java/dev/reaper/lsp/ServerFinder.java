package dev.reaper.lsp;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a language server's program: a path as given (relative ones against the workspace), or a bare
 * name in the directories searched first (a peers folder of npm-installed servers) and then on PATH.
 */
public final class ServerFinder {

    private final Path root;
    private final List<Path> first;
    private final List<Path> dirs;

    /**
     * @param first directories searched before PATH, in order
     * @param path  the PATH variable (may be empty)
     */
    public ServerFinder(Path root, List<Path> first, String path) {
        this.root = root;
        this.first = List.copyOf(first);
        List<Path> all = new ArrayList<>(first);
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                try {
                    all.add(Path.of(dir));
                } catch (InvalidPathException e) {
                    // a malformed PATH entry cannot hold the program
                }
            }
        }
        this.dirs = List.copyOf(all);
    }

    /** Where a program was looked for, for the message that says it is missing. */
    String describeMissing(String program) {
        if (isPath(program)) {
            return root.resolve(program).normalize() + " is not an executable file";
        }
        List<String> places = new ArrayList<>(first.stream().map(Path::toString).toList());
        places.add("PATH");
        return "no " + program + " in " + String.join(", ", places);
    }

    private static boolean isPath(String program) {
        return program.indexOf('/') >= 0 || program.indexOf(File.separatorChar) >= 0;
    }

    public Optional<Path> find(String program) {
        if (isPath(program)) {
            Path p = root.resolve(program).normalize();
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir : dirs) {
            Path p = dir.resolve(program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
