package dev.reaper.git;

/**
 * A git operation that could not be done, with a message fit to show as is: no repository above a
 * path, an unknown revision, a malformed range, or a repository that cannot be read.
 */
public final class GitException extends Exception {

    public GitException(String message) {
        super(message);
    }

    public GitException(String message, Throwable cause) {
        super(message, cause);
    }
}
