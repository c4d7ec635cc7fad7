package dev.reaper.repomap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fast pass over a file's bytes, without parsing it: the identifiers it uses, with their counts
 * (comments, strings and numbers skipped, keywords and one-letter names dropped), and the lines that
 * may be import statements, for {@link ImportScanner}. Identifiers are counted over byte ranges, so a
 * string is made once per distinct name, not once per occurrence.
 */
final class SourceScanner {

    /** Words that cannot be definitions in any of the languages: not worth keeping as references. */
    private static final Set<String> KEYWORDS = Set.of("abstract", "and", "as", "assert", "async", "await",
            "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue", "def", "default",
            "del", "do", "double", "elif", "else", "enum", "except", "export", "extends", "false", "final",
            "finally", "float", "fn", "for", "from", "func", "function", "go", "if", "impl", "implements",
            "import", "in", "int", "interface", "is", "let", "long", "match", "mod", "mut", "new", "nil", "none",
            "None", "not", "null", "or", "package", "pass", "private", "protected", "pub", "public", "raise",
            "return", "self", "short", "static", "struct", "super", "switch", "this", "throw", "throws", "True",
            "False", "true", "try", "type", "var", "val", "void", "while", "with", "yield", "include", "use",
            "require", "typeof", "instanceof", "undefined", "lambda", "crate", "where", "unsafe", "record", "sealed",
            "permits", "non", "synchronized", "transient", "volatile", "native", "override", "open", "internal",
            "object", "companion", "data", "fun", "end", "elsif", "unless", "then", "done", "fi", "esac");

    /**
     * Words that start an import statement at the beginning of a line, by language. Such a statement is
     * read for its imports and its identifiers are not counted: they are package paths and module names,
     * which the import graph already links ({@code java} in {@code import java.util.List} is not a use of
     * a field named {@code java}).
     */
    private static final Map<Language, byte[][]> STATEMENTS = words(Map.ofEntries(
            Map.entry(Language.JAVA, List.of("import", "package")),
            Map.entry(Language.KOTLIN, List.of("import", "package")),
            Map.entry(Language.SCALA, List.of("import", "package")),
            Map.entry(Language.PYTHON, List.of("import", "from")),
            Map.entry(Language.JAVASCRIPT, List.of("import")),
            Map.entry(Language.TYPESCRIPT, List.of("import")),
            Map.entry(Language.GO, List.of("import", "package")),
            Map.entry(Language.C, List.of("include")),
            Map.entry(Language.CPP, List.of("include")),
            Map.entry(Language.RUST, List.of("use"))));

    /**
     * Words that may import from anywhere in a line ({@code require()}, {@code export … from},
     * {@code pub use}, {@code mod}): the line is read for imports and its identifiers still count.
     */
    private static final Map<Language, byte[][]> ANYWHERE = words(Map.ofEntries(
            Map.entry(Language.JAVASCRIPT, List.of("require", "import", "export")),
            Map.entry(Language.TYPESCRIPT, List.of("require", "import", "export")),
            Map.entry(Language.RUST, List.of("use", "mod"))));

    private static final byte[][] NO_WORDS = new byte[0][];

    /** Bytes that may start an identifier (letters, _, $, and any byte of a multi-byte UTF-8 character). */
    private static final boolean[] IDENTIFIER_START = new boolean[256];
    /** Bytes that may continue one: those and digits. */
    private static final boolean[] IDENTIFIER_PART = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            IDENTIFIER_START[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
            IDENTIFIER_PART[c] = IDENTIFIER_START[c] || (c >= '0' && c <= '9');
        }
    }

    /** Longer identifiers are generated noise (and would not fit a cache row's string). */
    static final int MAX_IDENTIFIER = 200;

    /** The most lines an import statement is followed over while its brackets are open. */
    private static final int MAX_STATEMENT_LINES = 100;

    /** What a scan found. */
    record Scan(References references, List<String> importStatements) {}

    private SourceScanner() {}

    static Scan scan(Language language, byte[] text) {
        Counter counter = new Counter(text);
        byte[][] statementWords = STATEMENTS.getOrDefault(language, NO_WORDS);
        byte[][] anywhereWords = ANYWHERE.getOrDefault(language, NO_WORDS);
        List<int[]> statements = new ArrayList<>();
        boolean cComments = language.comments() == Language.Comments.C;
        boolean backtick = language == Language.JAVASCRIPT || language == Language.TYPESCRIPT
                || language == Language.GO;
        int n = text.length;
        int i = 0;
        boolean lineStart = true; // only blanks (and a C preprocessor #) since the line began
        while (i < n) {
            int c = text[i] & 0xff;
            if (c == '\n') {
                lineStart = true;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || (c == '#' && cComments)) {
                i++;
                continue;
            }
            boolean atLineStart = lineStart;
            lineStart = false;
            if (IDENTIFIER_START[c]) {
                int start = i;
                int hash = 0;
                while (i < n && IDENTIFIER_PART[text[i] & 0xff]) {
                    hash = 31 * hash + text[i];
                    i++;
                }
                if (atLineStart && isOneOf(text, start, i, statementWords)) {
                    int[] s = statement(text, start);
                    statements.add(s);
                    i = s[1];
                    continue;
                }
                counter.add(start, i - start, hash);
                if (isOneOf(text, start, i, anywhereWords)) {
                    int[] s = statement(text, start);
                    if (statements.isEmpty() || statements.get(statements.size() - 1)[0] != s[0]) {
                        statements.add(s);
                    }
                }
            } else if (c >= '0' && c <= '9') {
                while (i < n && IDENTIFIER_PART[text[i] & 0xff]) {
                    i++;
                }
            } else if (cComments && c == '/' && i + 1 < n && text[i + 1] == '/') {
                i = endOfLine(text, i);
            } else if (cComments && c == '/' && i + 1 < n && text[i + 1] == '*') {
                i = endOfBlockComment(text, i + 2);
            } else if (!cComments && c == '#') {
                i = endOfLine(text, i);
            } else if ((c == '"' || c == '\'') && triple(text, i)) {
                int end = indexOf(text, i + 3, text[i], text[i], text[i]);
                i = end < 0 ? n : end + 3;
            } else if (c == '"' || (c == '\'' && language.singleQuoteStrings())) {
                i = endOfString(text, i);
            } else if (c == '\'') {
                i = endOfCharacter(text, i);
            } else if (c == '`' && backtick) {
                int end = indexOf(text, i + 1, (byte) '`');
                i = end < 0 ? n : end + 1;
            } else {
                i++;
            }
        }
        List<String> lines = new ArrayList<>(statements.size());
        for (int[] s : statements) {
            lines.add(new String(text, s[0], s[1] - s[0], StandardCharsets.UTF_8));
        }
        return new Scan(counter.references(), lines);
    }

    private static boolean isOneOf(byte[] text, int from, int to, byte[][] words) {
        if (to - from > 7) {
            return false; // longer than any of the words
        }
        for (byte[] w : words) {
            if (Arrays.equals(text, from, to, w, 0, w.length)) {
                return true;
            }
        }
        return false;
    }

    private static int endOfBlockComment(byte[] text, int from) {
        for (int i = from; i + 1 < text.length; i++) {
            if (text[i] == '*' && text[i + 1] == '/') {
                return i + 2;
            }
        }
        return text.length;
    }

    private static int endOfLine(byte[] text, int from) {
        int i = from;
        while (i < text.length && text[i] != '\n') {
            i++;
        }
        return i;
    }

    private static boolean triple(byte[] text, int i) {
        return i + 2 < text.length && text[i + 1] == text[i] && text[i + 2] == text[i];
    }

    /** A string ends at its unescaped closing quote, or at the end of the line when it has none. */
    private static int endOfString(byte[] text, int open) {
        byte quote = text[open];
        int i = open + 1;
        while (i < text.length && text[i] != '\n') {
            if (text[i] == '\\') {
                i += 2;
            } else if (text[i] == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    /** {@code 'a'}, {@code '\n'}, {@code '\u00e9'}; anything else (a Rust lifetime) is a lone quote. */
    private static int endOfCharacter(byte[] text, int open) {
        int i = open + 1;
        if (i < text.length && text[i] == '\\') {
            for (int j = i + 2; j < Math.min(text.length, i + 12); j++) {
                if (text[j] == '\'') {
                    return j + 1;
                }
            }
            return open + 1;
        }
        // one character, which may take several bytes in UTF-8
        int j = i + 1;
        while (j < text.length && (text[j] & 0xc0) == 0x80) {
            j++;
        }
        return j < text.length && text[j] == '\'' ? j + 1 : open + 1;
    }

    private static int indexOf(byte[] text, int from, byte... needle) {
        outer:
        for (int i = from; i <= text.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (text[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * The statement around a token: its line, and the lines after it while a bracket opened on them is
     * still open (a Go import block, a JavaScript import list over several lines).
     */
    private static int[] statement(byte[] text, int at) {
        int start = at;
        while (start > 0 && text[start - 1] != '\n') {
            start--;
        }
        int end = endOfLine(text, at);
        int depth = depth(text, start, end);
        int lines = 1;
        while (depth > 0 && end < text.length && lines < MAX_STATEMENT_LINES) {
            int next = endOfLine(text, end + 1);
            depth += depth(text, end + 1, next);
            end = next;
            lines++;
        }
        return new int[] {start, end};
    }

    private static int depth(byte[] text, int from, int to) {
        int d = 0;
        for (int i = from; i < to; i++) {
            byte b = text[i];
            if (b == '(' || b == '{') {
                d++;
            } else if (b == ')' || b == '}') {
                d--;
            }
        }
        return d;
    }

    private static Map<Language, byte[][]> words(Map<Language, List<String>> m) {
        Map<Language, byte[][]> out = new HashMap<>();
        m.forEach((l, words) -> out.put(l, words.stream().map(w -> w.getBytes(StandardCharsets.US_ASCII))
                .toArray(byte[][]::new)));
        return Map.copyOf(out);
    }

    /** Counts identifiers by their byte range in an open-addressing table. */
    private static final class Counter {

        private final byte[] text;
        private int[] starts = new int[256];
        private int[] lengths = new int[256];
        private int[] counts = new int[256];
        private int[] table = new int[512]; // slot -> entry index + 1
        private int size;

        Counter(byte[] text) {
            this.text = text;
        }

        /** Counts the identifier at {@code text[start, start + length)}, whose {@link #hash} is {@code h}. */
        void add(int start, int length, int h) {
            int mask = table.length - 1;
            int slot = (h ^ (h >>> 16)) & mask;
            while (true) {
                int e = table[slot] - 1;
                if (e < 0) {
                    break;
                }
                if (lengths[e] == length && Arrays.equals(text, starts[e], starts[e] + length, text, start,
                        start + length)) {
                    counts[e]++;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                lengths = Arrays.copyOf(lengths, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            starts[size] = start;
            lengths[size] = length;
            counts[size] = 1;
            table[slot] = size + 1;
            size++;
            if (size * 2 > table.length) {
                rehash();
            }
        }

        private int hash(int start, int length) {
            int h = 0;
            for (int i = start; i < start + length; i++) {
                h = 31 * h + text[i];
            }
            return h;
        }

        private void rehash() {
            int[] t = new int[table.length * 2];
            int mask = t.length - 1;
            for (int e = 0; e < size; e++) {
                int h = hash(starts[e], lengths[e]);
                int slot = (h ^ (h >>> 16)) & mask;
                while (t[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                t[slot] = e + 1;
            }
            table = t;
        }

        References references() {
            String[] names = new String[size];
            int[] found = new int[size];
            int n = 0;
            for (int e = 0; e < size; e++) {
                if (lengths[e] < 2 || lengths[e] > MAX_IDENTIFIER) {
                    continue;
                }
                String name = new String(text, starts[e], lengths[e], StandardCharsets.UTF_8);
                if (!KEYWORDS.contains(name)) {
                    names[n] = name;
                    found[n] = counts[e];
                    n++;
                }
            }
            return References.sorted(Arrays.copyOf(names, n), Arrays.copyOf(found, n));
        }
    }
}
