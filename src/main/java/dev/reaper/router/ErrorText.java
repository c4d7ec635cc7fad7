package dev.reaper.router;

/** Shapes provider error text for one-line messages. */
public final class ErrorText {

    private ErrorText() {}

    /** Collapses whitespace and cuts long bodies, so an HTML error page does not flood the terminal. */
    public static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
