package dev.reaper.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The workspace as a boundary: a path a tool names is resolved against the workspace root and must stay
 * inside it, or inside a directory the user allowed, after {@code ..} is collapsed and every symlink on
 * the way is followed. A symlink inside the workspace that points outside is outside.
 */
public final class WorkspaceBoundary {

    private final Path root;
    private final List<Path> allowed;

    public WorkspaceBoundary(Path root, List<Path> additionalDirectories) {
        this.root = realOrNormal(root.toAbsolutePath());
        List<Path> dirs = new ArrayList<>();
        dirs.add(this.root);
        for (Path p : additionalDirectories) {
            dirs.add(realOrNormal(p.toAbsolutePath()));
        }
        this.allowed = List.copyOf(dirs);
    }

    public Path root() {
        return root;
    }

    /**
     * Resolves a path given by the model. Throws {@link OutsideWorkspaceException} with a message for the
     * model when it leads outside.
     */
    public Path resolve(String userPath) {
        if (userPath == null || userPath.isBlank()) {
            throw new OutsideWorkspaceException("the path is empty: give a path relative to the workspace");
        }
        if (userPath.indexOf('\0') >= 0) {
            throw new OutsideWorkspaceException("the path contains a NUL character");
        }
        Path p = Path.of(userPath);
        Path abs = (p.isAbsolute() ? p : root.resolve(p)).normalize();
        Path real = realOrNormal(abs);
        for (Path dir : allowed) {
            if (real.startsWith(dir)) {
                return abs;
            }
        }
        throw new OutsideWorkspaceException("'" + userPath + "' is outside the workspace " + root
                + "; only files under it (or directories the user allowed) can be used");
    }

    /** The path relative to the root, with forward slashes, for messages and permission patterns. */
    public String relative(Path abs) {
        Path n = abs.toAbsolutePath().normalize();
        if (!n.startsWith(root)) {
            // The root is a real path; the given one may reach it through a symlink (a symlinked home,
            // /var on macOS), and permission rules must still see it as workspace-relative.
            Path real = realOrNormal(n);
            n = real.startsWith(root) ? real : n;
        }
        if (n.startsWith(root)) {
            String rel = root.relativize(n).toString().replace('\\', '/');
            return rel.isEmpty() ? "." : rel;
        }
        return n.toString();
    }

    /**
     * What permission rules judge for a path: the path as named and, when a symlink leads elsewhere, the
     * real location too, so {@code edit(secrets/**)} also covers {@code link-to-secrets/key}.
     */
    public List<String> ruleTargets(Path abs) {
        String named = relative(abs);
        String real = relative(realOrNormal(abs.toAbsolutePath().normalize()));
        return named.equals(real) ? List.of(named) : List.of(named, real);
    }

    /**
     * The real path of the longest existing prefix, with the missing rest appended: a file about to be
     * created is judged by where its existing parent really is.
     */
    static Path realOrNormal(Path abs) {
        return realOrNormal(abs, 0);
    }

    private static Path realOrNormal(Path abs, int depth) {
        Path existing = abs;
        Path rest = null;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            Path real = existing.toRealPath();
            return rest == null ? real : real.resolve(rest).normalize();
        } catch (IOException e) {
            if (Files.isSymbolicLink(existing) && depth < 40) {
                // A dangling link: judge it by where it points, as writing through it would create that.
                try {
                    Path target = existing.getParent().resolve(Files.readSymbolicLink(existing)).normalize();
                    return realOrNormal(rest == null ? target : target.resolve(rest), depth + 1);
                } catch (IOException unreadable) {
                    return abs;
                }
            }
            return abs;
        }
    }

    /** A path that leads outside the workspace. The message is meant for the model. */
    public static final class OutsideWorkspaceException extends RuntimeException {
        public OutsideWorkspaceException(String message) {
            super(message);
        }
    }
}
