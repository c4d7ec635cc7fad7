package dev.reaper.repomap;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads import statements, by language, into the specifiers {@link ImportResolver} turns into files:
 * <ul>
 *   <li>Java, Kotlin, Scala: the dotted name ({@code com.ex.User}, {@code com.ex.*});</li>
 *   <li>Python: the module, with its leading dots when relative; {@code from m import a, b} gives
 *       {@code m.a} and {@code m.b}, which resolve to {@code m} when they are not modules;</li>
 *   <li>JavaScript and TypeScript: relative paths of {@code import}, {@code export … from},
 *       {@code require()} and {@code import()} (packages are outside the workspace);</li>
 *   <li>Go: the import path; C and C++: the file of {@code #include "…"} (not {@code <…>});</li>
 *   <li>Rust: {@code mod:NAME} for {@code mod NAME;}, and {@code use} paths from {@code crate::},
 *       {@code self::} or {@code super::}.</li>
 * </ul>
 */
final class ImportScanner {

    private static final Pattern PY_IMPORT = Pattern.compile("^\\s*import\\s+([^#;\\n]+)", Pattern.MULTILINE);
    private static final Pattern PY_FROM = Pattern.compile(
            "^\\s*from\\s+(\\.*[\\w.]*)\\s+import\\s+\\(?([^#;)]+)", Pattern.MULTILINE);
    private static final Pattern JS = Pattern.compile(
            "(?:\\bfrom\\s*|^\\s*import\\s*|\\brequire\\s*\\(\\s*|\\bimport\\s*\\(\\s*)['\"]([^'\"\\n]+)['\"]",
            Pattern.MULTILINE);
    private static final Pattern QUOTED = Pattern.compile("\"([^\"\\n]+)\"");
    private static final Pattern INCLUDE = Pattern.compile("^\\s*#\\s*include\\s*\"([^\"\\n]+)\"", Pattern.MULTILINE);
    private static final Pattern RUST_MOD = Pattern.compile(
            "^\\s*(?:pub(?:\\([^)]*\\))?\\s+)?mod\\s+(\\w+)\\s*;", Pattern.MULTILINE);
    private static final Pattern RUST_USE = Pattern.compile(
            "^\\s*(?:pub(?:\\([^)]*\\))?\\s+)?use\\s+([^;]+);", Pattern.MULTILINE);

    private static final int MAX_SPECIFIER = 1000;

    private ImportScanner() {}

    /** The specifiers of the import statements among {@code statements}, in order, without repeats. */
    static List<String> imports(Language language, List<String> statements) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : statements) {
            switch (language) {
                case JAVA, KOTLIN, SCALA -> jvm(s, out);
                case PYTHON -> python(s, out);
                case JAVASCRIPT, TYPESCRIPT -> all(JS, s, out, spec -> spec.startsWith("."));
                case GO -> {
                    int from = s.indexOf("import");
                    all(QUOTED, from < 0 ? s : s.substring(from), out, spec -> true);
                }
                case C, CPP -> all(INCLUDE, s, out, spec -> true);
                case RUST -> rust(s, out);
                default -> { }
            }
        }
        out.removeIf(spec -> spec.length() > MAX_SPECIFIER);
        return new ArrayList<>(out);
    }

    /**
     * The names a file's imports bring in by name (Java, Kotlin, Scala, Python: the last part of each
     * specifier, not a wildcard). Where such a name comes from is known: the import graph links its file,
     * and when it is not in the workspace it must not be taken for a workspace definition of the same
     * name ({@code java.util.List} for a nested class {@code List}).
     */
    static Set<String> importedNames(Language language, List<String> specs) {
        if (!language.onJvm() && language != Language.PYTHON) {
            return Set.of();
        }
        Set<String> out = new java.util.HashSet<>();
        for (String spec : specs) {
            String name = spec.substring(spec.lastIndexOf('.') + 1);
            if (!name.isEmpty() && !name.equals("*")) {
                out.add(name);
            }
        }
        return out;
    }

    private static void all(Pattern p, String s, Set<String> out, java.util.function.Predicate<String> keep) {
        Matcher m = p.matcher(s);
        while (m.find()) {
            if (keep.test(m.group(1))) {
                out.add(m.group(1));
            }
        }
    }

    /**
     * {@code import [static] a.b.C;}, {@code import a.b.*}, Kotlin's {@code import a.b.C as D} and Scala's
     * {@code import a.b._} and {@code import a.b.{C, D => E}}, read by hand: there is one per line of every
     * JVM file, and a regular expression costs more than the rest of the scan.
     */
    private static void jvm(String statement, Set<String> out) {
        for (String line : statement.split("\n")) {
            String t = line.strip();
            if (!t.startsWith("import") || t.length() < 8 || !Character.isWhitespace(t.charAt(6))) {
                continue;
            }
            t = t.substring(7).strip();
            if (t.startsWith("static ")) {
                t = t.substring(7).strip();
            }
            int brace = t.indexOf('{');
            int end = brace >= 0 ? t.indexOf('}') : firstOf(t, ";/ \t");
            String body = end < 0 ? t : t.substring(0, brace >= 0 ? end + 1 : end);
            body = body.replace("`", "");
            if (brace >= 0) {
                String prefix = body.substring(0, brace).strip();
                String name = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
                for (String item : body.substring(brace + 1, body.length() - (body.endsWith("}") ? 1 : 0)).split(",")) {
                    String first = item.strip().split("\\s")[0];
                    if (!first.isEmpty()) {
                        out.add(first.equals("_") ? name + ".*" : name + "." + first);
                    }
                }
            } else if (body.endsWith("._")) {
                out.add(body.substring(0, body.length() - 2) + ".*");
            } else if (!body.isEmpty()) {
                out.add(body);
            }
        }
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static void python(String s, Set<String> out) {
        Matcher from = PY_FROM.matcher(s);
        if (from.find()) {
            String module = from.group(1);
            String sep = module.endsWith(".") ? "" : ".";
            for (String item : from.group(2).replace("\\", " ").split(",")) {
                String name = item.strip().split("\\s+")[0];
                if (name.equals("*")) {
                    out.add(module);
                } else if (name.matches("\\w+")) {
                    out.add(module + sep + name);
                }
            }
            return;
        }
        Matcher imp = PY_IMPORT.matcher(s);
        if (imp.find()) {
            for (String item : imp.group(1).split(",")) {
                String name = item.strip().split("\\s+")[0];
                if (name.matches("[\\w.]+")) {
                    out.add(name);
                }
            }
        }
    }

    private static void rust(String s, Set<String> out) {
        Matcher mod = RUST_MOD.matcher(s);
        while (mod.find()) {
            out.add("mod:" + mod.group(1));
        }
        Matcher use = RUST_USE.matcher(s);
        while (use.find()) {
            String path = use.group(1).replaceAll("\\s+as\\s+\\w+", "").replaceAll("\\s+", "");
            int brace = path.indexOf('{');
            List<String> paths = new ArrayList<>();
            if (brace < 0) {
                paths.add(path);
            } else {
                String prefix = path.substring(0, brace);
                String inner = path.substring(brace + 1, path.lastIndexOf('}') < 0 ? path.length() : path.lastIndexOf('}'));
                if (inner.contains("{")) {
                    paths.add(prefix.endsWith("::") ? prefix.substring(0, prefix.length() - 2) : prefix);
                } else {
                    for (String item : inner.split(",")) {
                        paths.add(item.equals("self") ? prefix.substring(0, Math.max(0, prefix.length() - 2)) : prefix + item);
                    }
                }
            }
            for (String p : paths) {
                String clean = p.replaceAll("::\\*$", "");
                if (clean.startsWith("crate::") || clean.startsWith("self::") || clean.startsWith("super::")) {
                    out.add(clean);
                }
            }
        }
    }
}
