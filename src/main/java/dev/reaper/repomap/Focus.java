package dev.reaper.repomap;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a map should centre on: words from the conversation or from the caller, each a file (a path, the
 * end of one, or a file's name with or without its extension) or an identifier. Files named rank higher,
 * and so do the files defining the identifiers named and the files that use them.
 */
public record Focus(Set<String> words) {

    public static final Focus NONE = new Focus(Set.of());

    public Focus {
        words = Set.copyOf(words);
    }

    /**
     * The words of free text: split at spaces, commas, quotes and brackets; a leading {@code @} (an attached
     * file) or {@code ./} and trailing punctuation dropped.
     */
    public static Focus of(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String token : text.split("[\\s,;:'\"`()\\[\\]{}<>]+")) {
            String t = token.replaceFirst("^@", "").replaceFirst("^\\./", "").replaceAll("[.?!]+$", "");
            if (t.length() >= 2) {
                out.add(t);
            }
        }
        return new Focus(out);
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }
}
