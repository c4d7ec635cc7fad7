package dev.reaper.lsp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The files a server has open, kept as they are on disk: before each question about a file it is opened,
 * or its new content sent whole when it changed, or closed when it is gone. At most {@link #MAX_OPEN}
 * stay open; the one used longest ago is closed to make room.
 */
final class OpenDocuments {

    static final int MAX_OPEN = 100;
    static final long MAX_BYTES = 4L * 1024 * 1024;

    /**
     * What the server has of a file.
     *
     * @param version the version last sent
     * @param mark    the diagnostics mark when it was sent: diagnostics of that version come after it
     */
    record Synced(Path file, String text, int version, long mark) {}

    private final TextDocumentService server;
    private final Diagnostics diagnostics;
    private final Map<Path, Synced> open = new LinkedHashMap<>(16, 0.75f, true);

    OpenDocuments(TextDocumentService server, Diagnostics diagnostics) {
        this.server = server;
        this.diagnostics = diagnostics;
    }

    /**
     * Brings the server's copy of a file up to date with the disk. Empty when the file no longer exists
     * (it is closed, if it was open).
     */
    synchronized Optional<Synced> sync(Path file) throws LspFailure {
        Synced known = open.get(file);
        if (!Files.isRegularFile(file)) {
            if (known != null) {
                close(file);
            }
            return Optional.empty();
        }
        String text = read(file);
        if (known != null && known.text().equals(text)) {
            return Optional.of(known);
        }
        long mark = diagnostics.mark();
        Synced now;
        if (known == null) {
            now = new Synced(file, text, 1, mark);
            server.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(Uris.of(file), Languages.id(file),
                    now.version(), text)));
        } else {
            now = new Synced(file, text, known.version() + 1, mark);
            server.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(Uris.of(file),
                    now.version()), List.of(new TextDocumentContentChangeEvent(text))));
        }
        open.put(file, now);
        closeBeyondLimit();
        return Optional.of(now);
    }

    private void closeBeyondLimit() {
        while (open.size() > MAX_OPEN) {
            close(open.keySet().iterator().next());
        }
    }

    private void close(Path file) {
        open.remove(file);
        server.didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(Uris.of(file))));
        diagnostics.forget(file);
    }

    /** The file as text: UTF-8, with undecodable bytes replaced, as the read tool shows it. */
    private static String read(Path file) throws LspFailure {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new LspFailure(file.getFileName() + " is larger than " + MAX_BYTES / (1024 * 1024)
                        + " MB; Reaper does not send it to a language server");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (IOException e) {
            throw new LspFailure("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
    }
}
