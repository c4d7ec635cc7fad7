package dev.reaper.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Reading and writing workspace text files safely: binary detection, strict UTF-8, atomic replacement. */
public final class TextFiles {

    /** Files larger than this are not edited in memory. */
    public static final long MAX_EDIT_BYTES = 10L * 1024 * 1024;
    private static final int SNIFF = 8192;

    private TextFiles() {}

    /** A NUL byte in the first 8 KB, as git decides. */
    public static boolean isBinary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF);
            for (byte b : head) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The file's text; fails, for the model, when it is binary, too large or not UTF-8. */
    public static String readForEdit(Path file, String shown) throws ToolFailure, IOException {
        long size = Files.size(file);
        if (size > MAX_EDIT_BYTES) {
            throw new ToolFailure(shown + " is " + size / (1024 * 1024) + " MB: too large to edit here; use bash tools such as sed");
        }
        if (isBinary(file)) {
            throw new ToolFailure(shown + " is a binary file; it cannot be edited as text");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ToolFailure(shown + " is not valid UTF-8; editing it as text could corrupt it. Use bash"
                    + " (iconv, sed) instead");
        }
    }

    /**
     * Replaces a file's content through a temporary file in the same directory and a rename, so a full
     * disk or a crash leaves either the old content or the new, never a torn file. Permissions are kept.
     * A symlink is written through: its target gets the new content and the link stays a link.
     */
    public static void writeAtomically(Path path, String content) throws IOException {
        Path file = Files.isSymbolicLink(path) && Files.exists(path) ? path.toRealPath() : path;
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".reaper-tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                // an existing file keeps its permissions; a new one gets the usual rw-r--r--, not the
                // owner-only mode of a temporary file
                Set<PosixFilePermission> perms = Files.exists(file) ? Files.getPosixFilePermissions(file)
                        : PosixFilePermissions.fromString("rw-r--r--");
                Files.setPosixFilePermissions(tmp, perms);
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static int lineCount(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return text.endsWith("\n") ? n : n + 1;
    }
}
