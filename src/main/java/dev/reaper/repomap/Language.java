package dev.reaper.repomap;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The source languages the repo map reads, known by file extension, with what its scanner needs to know
 * about each: how comments are written and whether a single quote opens a string. Files of other types
 * are not part of the map.
 */
public enum Language {
    JAVA(Comments.C, false, "java"),
    KOTLIN(Comments.C, false, "kt", "kts"),
    SCALA(Comments.C, false, "scala"),
    PYTHON(Comments.HASH, true, "py", "pyi"),
    JAVASCRIPT(Comments.C, true, "js", "jsx", "mjs", "cjs"),
    TYPESCRIPT(Comments.C, true, "ts", "tsx", "mts", "cts"),
    GO(Comments.C, false, "go"),
    C(Comments.C, false, "c", "h"),
    CPP(Comments.C, false, "cc", "cpp", "cxx", "hh", "hpp", "hxx"),
    CSHARP(Comments.C, false, "cs"),
    RUST(Comments.C, false, "rs"),
    SWIFT(Comments.C, false, "swift"),
    RUBY(Comments.HASH, true, "rb"),
    PHP(Comments.C, true, "php"),
    SHELL(Comments.HASH, true, "sh", "bash");

    /** How a language writes comments. */
    enum Comments {
        /** {@code //} to the end of the line and {@code /* ... *}{@code /}. */
        C,
        /** {@code #} to the end of the line. */
        HASH
    }

    private static final Map<String, Language> BY_EXTENSION = Stream.of(values())
            .flatMap(l -> Stream.of(l.extensions).map(e -> Map.entry(e, l)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));

    private final Comments comments;
    private final boolean singleQuoteStrings;
    private final String[] extensions;

    Language(Comments comments, boolean singleQuoteStrings, String... extensions) {
        this.comments = comments;
        this.singleQuoteStrings = singleQuoteStrings;
        this.extensions = extensions;
    }

    /** The language of a file by its extension, if the map reads it. */
    public static Optional<Language> of(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash + 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    Comments comments() {
        return comments;
    }

    /** Whether {@code 'x y'} is a string (Python, JavaScript) rather than a character or a lifetime. */
    boolean singleQuoteStrings() {
        return singleQuoteStrings;
    }

    /**
     * Languages whose code can use each other's definitions by name: the JVM languages, JavaScript with
     * TypeScript, C with C++; any other language is a family of its own.
     */
    String family() {
        return switch (this) {
            case JAVA, KOTLIN, SCALA -> "jvm";
            case JAVASCRIPT, TYPESCRIPT -> "js";
            case C, CPP -> "c";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }

    /** The JVM languages resolve imports to each other's files. */
    boolean onJvm() {
        return this == JAVA || this == KOTLIN || this == SCALA;
    }
}
