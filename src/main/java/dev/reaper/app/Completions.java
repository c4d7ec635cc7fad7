package dev.reaper.app;

import dev.reaper.protocol.Cancellation;
import dev.reaper.router.ChatResponse;
import dev.reaper.router.FimRequest;
import dev.reaper.router.ModelRef;
import dev.reaper.router.RouterObserver;
import dev.reaper.router.StreamEvent;
import dev.reaper.store.UsageLedger;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Code completion at a position of a file ({@code reaper complete}): the text before the cursor and after
 * it go to a fill-in-the-middle model, and the completion streams back. Its cost is recorded in the usage
 * ledger like any request.
 */
public final class Completions {

    public static final String DEFAULT_MODEL = "mistral/codestral-latest";
    static final long MAX_FILE_BYTES = 4L << 20;

    private final Reaper app;

    public Completions(Reaper app) {
        this.app = app;
    }

    /** The text before and after a 1-based line and column of {@code file}; a clear error when there is none. */
    static FimRequest around(Path file, int line, int column, int maxTokens) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new UserInputException(file + " is larger than 4 MB: completion needs a source file");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UserInputException(file + " is not UTF-8 text");
        }
        if (text.indexOf('\0') >= 0) {
            throw new UserInputException(file + " is a binary file");
        }
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', offset);
            if (nl < 0) {
                throw new UserInputException(file + " has " + l + " lines; there is no line " + line);
            }
            offset = nl + 1;
        }
        int lineEnd = text.indexOf('\n', offset);
        int length = (lineEnd < 0 ? text.length() : lineEnd) - offset;
        if (column < 1 || column - 1 > length) {
            throw new UserInputException(String.format(Locale.ROOT, "line %d of %s has %d characters; column %d is past"
                    + " its end (columns start at 1)", line, file, length, column));
        }
        int at = offset + column - 1;
        return new FimRequest(text.substring(0, at), text.substring(at), maxTokens);
    }

    /** Completes at the position, streaming the text to {@code out}; returns the whole completion. */
    public String complete(Path file, int line, int column, Optional<String> model, int maxTokens, Consumer<String> out,
                           Cancellation cancel) {
        FimRequest request = around(file, line, column, maxTokens);
        ModelRef ref;
        try {
            ref = ModelRef.parse(model.orElse(DEFAULT_MODEL));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        ChatResponse r = app.router().complete(ref, request, e -> {
            if (e instanceof StreamEvent.TextDelta t) {
                out.accept(t.text());
            }
        }, app.budgets().child(Double.POSITIVE_INFINITY), ledgerObserver(), cancel);
        return r.message().text();
    }

    private RouterObserver ledgerObserver() {
        return new RouterObserver() {
            @Override
            public void attemptFinished(Attempt a) {
                try {
                    UsageLedger ledger = app.ledger();
                    var u = a.usage();
                    ledger.record(new UsageLedger.Entry(app.clock().instant(), null, app.workspace().root().toString(),
                            a.model().provider(), a.model().model(), u.inputTokens(), u.outputTokens(), u.cacheReadTokens(),
                            u.cacheWriteTokens(), a.costUsd(), a.priced(), a.timeToFirstTokenMs(), a.durationMs(),
                            a.failure() == null ? "ok" : a.failure().kind().name().toLowerCase(Locale.ROOT), a.savedUsd()));
                } catch (RuntimeException e) {
                    // the completion matters more than its bookkeeping
                }
            }
        };
    }
}
