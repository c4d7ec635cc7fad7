package dev.reaper.context;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where a session works: the git root above the current directory, or the directory itself. */
public record Workspace(Path root, Path cwd, boolean isGitRepository) {

    public static Workspace detect(Path cwd) {
        Path abs = cwd.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return new Workspace(p, abs, true);
            }
        }
        return new Workspace(abs, abs, false);
    }
}
