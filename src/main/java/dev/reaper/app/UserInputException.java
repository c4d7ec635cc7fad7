package dev.reaper.app;

/** The user asked for something that cannot be done as asked (an unknown session id, a bad flag value). */
public final class UserInputException extends RuntimeException {

    public UserInputException(String message) {
        super(message);
    }
}
