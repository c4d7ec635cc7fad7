package dev.reaper.protocol;

/** Who wrote a message. Tool results travel in user messages, as every provider's wire format has them. */
public enum Role {
    USER,
    ASSISTANT
}
