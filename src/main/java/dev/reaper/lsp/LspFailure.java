package dev.reaper.lsp;

/** A language server could not answer: missing, crashed, too slow, or it said no. The message is for the model. */
final class LspFailure extends Exception {

    LspFailure(String message) {
        super(message);
    }
}
