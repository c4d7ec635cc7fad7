package dev.reaper.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;

/**
 * Installs and removes the git hooks that run {@code reaper review}: a pre-commit hook reviews the staged
 * change, a pre-push hook the commits being pushed. A hook that was there before is kept, moved aside to
 * {@code HOOK.pre-reaper} and run first with the same arguments and input, so its behaviour stays;
 * uninstalling puts it back. Installing again only updates Reaper's hook. {@code git commit --no-verify}
 * or {@code REAPER_SKIP_REVIEW=1} skips the review.
 */
public final class GitHooks {

    public static final List<String> KINDS = List.of("pre-commit", "pre-push");
    static final String MARKER = "# reaper-hook:";
    static final String PREVIOUS = ".pre-reaper";

    private final Path hooksDir;

    public GitHooks(Path hooksDir) {
        this.hooksDir = hooksDir;
    }

    /** What install or uninstall did, in a sentence. */
    public record Outcome(String message) {}

    public Outcome install(String kind, Severity failOn, String reaperCommand) throws IOException {
        check(kind);
        Files.createDirectories(hooksDir);
        Path hook = hooksDir.resolve(kind);
        boolean ours = isOurs(hook);
        String kept = "";
        if (Files.exists(hook) && !ours) {
            Path previous = hooksDir.resolve(kind + PREVIOUS);
            if (Files.exists(previous)) {
                throw new IOException(previous + " exists already: move it away, then install again");
            }
            Files.move(hook, previous, StandardCopyOption.ATOMIC_MOVE);
            kept = "; the existing hook is kept and runs first (" + previous.getFileName() + ")";
        }
        Path tmp = hooksDir.resolve(kind + ".reaper-tmp");
        Files.writeString(tmp, script(kind, failOn, reaperCommand), StandardCharsets.UTF_8);
        makeExecutable(tmp);
        Files.move(tmp, hook, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Outcome((ours ? "updated" : "installed") + " the " + kind + " hook (" + hook + "): reaper review"
                + " fails it on " + failOn.id() + " findings or worse" + kept
                + ". Skip once with git " + (kind.equals("pre-push") ? "push" : "commit")
                + " --no-verify or REAPER_SKIP_REVIEW=1.");
    }

    public Outcome uninstall(String kind) throws IOException {
        check(kind);
        Path hook = hooksDir.resolve(kind);
        if (!isOurs(hook)) {
            return new Outcome("no Reaper " + kind + " hook in " + hooksDir + "; nothing to remove");
        }
        Path previous = hooksDir.resolve(kind + PREVIOUS);
        if (Files.exists(previous)) {
            Files.move(previous, hook, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Outcome("removed the Reaper " + kind + " hook; the hook that was there before is back");
        }
        Files.delete(hook);
        return new Outcome("removed the Reaper " + kind + " hook");
    }

    static boolean isOurs(Path hook) throws IOException {
        if (!Files.isRegularFile(hook)) {
            return false;
        }
        try {
            return Files.readString(hook, StandardCharsets.UTF_8).contains(MARKER);
        } catch (java.nio.charset.MalformedInputException e) {
            return false; // a binary hook is not one of ours
        }
    }

    private static void check(String kind) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("hook '" + kind + "' is not one of " + String.join(", ", KINDS));
        }
    }

    static String script(String kind, Severity failOn, String reaperCommand) {
        String reaper = "\"${REAPER:-" + reaperCommand.replace("\"", "\\\"").replace("$", "\\$") + "}\"";
        String fail = failOn.id().toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder("#!/bin/sh\n")
                .append(MARKER).append(' ').append(kind).append(" fail-on=").append(fail).append('\n')
                .append("# Installed by 'reaper hooks install'; 'reaper hooks uninstall' removes it (and restores the\n")
                .append("# hook that was here before). Skip once: --no-verify, or REAPER_SKIP_REVIEW=1.\n");
        if (kind.equals("pre-push")) {
            sb.append("input=$(cat)\n")
                    .append("if [ -x \"$0" + PREVIOUS + "\" ]; then\n")
                    .append("  printf '%s\\n' \"$input\" | \"$0" + PREVIOUS + "\" \"$@\" || exit $?\n")
                    .append("fi\n")
                    .append("[ \"${REAPER_SKIP_REVIEW:-0}\" = 1 ] && exit 0\n")
                    .append("zero=0000000000000000000000000000000000000000\n")
                    .append("printf '%s\\n' \"$input\" | while read -r local_ref local_sha remote_ref remote_sha; do\n")
                    .append("  [ -z \"$local_sha\" ] && continue\n")
                    .append("  [ \"$local_sha\" = \"$zero\" ] && continue\n")
                    .append("  if [ \"$remote_sha\" = \"$zero\" ]; then\n")
                    .append("    ").append(reaper).append(" review --commit \"$local_sha\" --fail-on ").append(fail)
                    .append(" || exit $?\n")
                    .append("  else\n")
                    .append("    ").append(reaper).append(" review --range \"$remote_sha..$local_sha\" --fail-on ").append(fail)
                    .append(" || exit $?\n")
                    .append("  fi\n")
                    .append("done || exit $?\n");
        } else {
            sb.append("if [ -x \"$0" + PREVIOUS + "\" ]; then\n")
                    .append("  \"$0" + PREVIOUS + "\" \"$@\" || exit $?\n")
                    .append("fi\n")
                    .append("[ \"${REAPER_SKIP_REVIEW:-0}\" = 1 ] && exit 0\n")
                    .append("exec ").append(reaper).append(" review --staged --fail-on ").append(fail).append(" </dev/null\n");
        }
        return sb.toString();
    }

    private static void makeExecutable(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            p.toFile().setExecutable(true); // not a POSIX file system
        }
    }
}
