package dev.reaper.git;

import java.time.Instant;

/**
 * A commit as a log shows it.
 *
 * @param id      the full id
 * @param author  the author's name
 * @param email   the author's email
 * @param when    when the author made it
 * @param subject the first line of the message
 * @param message the whole message
 */
public record Commit(String id, String author, String email, Instant when, String subject, String message) {

    /** The id cut to 10 hex digits, as people quote it. */
    public String shortId() {
        return id.substring(0, Math.min(10, id.length()));
    }
}
