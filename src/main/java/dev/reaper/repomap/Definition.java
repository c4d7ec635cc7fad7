package dev.reaper.repomap;

/**
 * A symbol a file defines: its name, its kind as the engine names it ({@code class}, {@code method},
 * {@code function}…), the 1-based line it starts on (whose text the map shows as its signature), and the
 * name of the type or module it belongs to ({@code ""} at the top level): a member is only taken to be
 * meant by files that name its type too.
 */
public record Definition(String name, String kind, int line, String scope) {

    public Definition {
        if (scope == null) {
            throw new IllegalArgumentException("scope is \"\" at the top level, not null");
        }
    }

    /** A definition at the top level of its file. */
    public Definition(String name, String kind, int line) {
        this(name, kind, line, "");
    }
}
