package dev.reaper.edit;

/** An edit that cannot be applied. The message tells the model what was wrong and how to fix its call. */
public final class EditException extends Exception {

    public EditException(String message) {
        super(message);
    }
}
