package dev.reaper.tui.markdown;

import dev.reaper.tui.text.Span;
import dev.reaper.tui.text.Style;
import dev.reaper.tui.theme.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Syntax colouring for code blocks: keywords, strings, comments (line and block, across lines), numbers,
 * types and function names, for the languages people paste most. A lexer per language family, not a
 * parser: fast enough to re-run on every streamed frame, and wrong only in corner cases that do not
 * matter for reading.
 */
public final class Highlighter {

    /** What distinguishes one language's tokens. */
    record Lang(Set<String> keywords, Set<String> constants, List<String> lineComments, String blockStart,
                String blockEnd, String quotes, boolean tripleQuotes, boolean capitalizedTypes) {}

    private static final Set<String> C_FAMILY_CONSTANTS = Set.of("true", "false", "null", "nullptr", "NULL", "nil",
            "undefined", "None", "True", "False", "this", "self", "super");

    private static final Map<String, Lang> LANGS = new HashMap<>();

    static {
        Lang java = new Lang(words("abstract assert boolean break byte case catch char class const continue default do "
                + "double else enum extends final finally float for goto if implements import instanceof int interface "
                + "long native new package private protected public return short static strictfp switch synchronized "
                + "throw throws transient try void volatile while var record sealed permits yield non-sealed"),
                C_FAMILY_CONSTANTS, List.of("//"), "/*", "*/", "\"'", true, true);
        put(java, "java");
        put(new Lang(words("fun val var class object interface if else when for while do return break continue "
                + "import package is as in out try catch finally throw data sealed open override private public "
                + "protected internal companion suspend typealias by init lateinit"), C_FAMILY_CONSTANTS,
                List.of("//"), "/*", "*/", "\"'", true, true), "kotlin", "kt", "kts");
        Lang js = new Lang(words("async await break case catch class const continue debugger default delete do else "
                + "export extends finally for from function if import in instanceof let new of return static switch "
                + "throw try typeof var void while with yield type interface enum implements private public "
                + "protected readonly as declare namespace abstract keyof satisfies"), C_FAMILY_CONSTANTS,
                List.of("//"), "/*", "*/", "\"'`", false, true);
        put(js, "javascript", "js", "jsx", "mjs", "cjs", "typescript", "ts", "tsx");
        put(new Lang(words("and as assert async await break class continue def del elif else except finally for "
                + "from global if import in is lambda nonlocal not or pass raise return try while with yield match case"),
                C_FAMILY_CONSTANTS, List.of("#"), null, null, "\"'", true, true), "python", "py", "python3");
        put(new Lang(words("break case chan const continue default defer else fallthrough for func go goto if import "
                + "interface map package range return select struct switch type var"), C_FAMILY_CONSTANTS,
                List.of("//"), "/*", "*/", "\"'`", false, true), "go", "golang");
        put(new Lang(words("as async await break const continue crate dyn else enum extern fn for if impl in let loop "
                + "match mod move mut pub ref return static struct trait type unsafe use where while"),
                C_FAMILY_CONSTANTS, List.of("//"), "/*", "*/", "\"", false, true), "rust", "rs");
        Lang c = new Lang(words("auto break case char const continue default do double else enum extern float for goto "
                + "if inline int long register return short signed sizeof static struct switch typedef union unsigned "
                + "void volatile while class namespace template typename public private protected virtual override "
                + "using new delete try catch throw constexpr noexcept #include #define #ifdef #ifndef #endif #pragma"),
                C_FAMILY_CONSTANTS, List.of("//"), "/*", "*/", "\"'", false, true);
        put(c, "c", "h", "cpp", "c++", "cc", "hpp", "cxx", "objc");
        put(new Lang(words("abstract as base bool break byte case catch char class const continue decimal default "
                + "delegate do double else enum event explicit extern finally fixed float for foreach goto if implicit in "
                + "int interface internal is lock long namespace new object operator out override params private "
                + "protected public readonly ref return sealed short static string struct switch throw try typeof uint "
                + "ulong using var virtual void while async await record"), C_FAMILY_CONSTANTS,
                List.of("//"), "/*", "*/", "\"'", false, true), "csharp", "cs", "c#");
        put(new Lang(words("alias and begin break case class def defined do else elsif end ensure for if in module "
                + "next not or redo rescue retry return then undef unless until when while yield require"),
                C_FAMILY_CONSTANTS, List.of("#"), null, null, "\"'", false, true), "ruby", "rb");
        put(new Lang(words("if then else elif fi for while until do done case esac in function return local export "
                + "readonly set unset shift exit source alias echo cd"), Set.of("true", "false"), List.of("#"),
                null, null, "\"'", false, false), "bash", "sh", "shell", "zsh", "console", "shellscript");
        put(new Lang(words("select from where and or not insert into values update set delete create table alter drop "
                + "index join left right inner outer on group by order having limit offset as distinct union all "
                + "primary key foreign references null is in like between case when then else end begin commit"),
                Set.of("true", "false", "null"), List.of("--"), "/*", "*/", "'\"", false, false), "sql");
        put(new Lang(Set.of(), Set.of("true", "false", "null"), List.of(), null, null, "\"", false, false), "json", "jsonc");
        put(new Lang(Set.of(), Set.of("true", "false", "null", "yes", "no", "on", "off"), List.of("#"), null, null,
                "\"'", false, false), "yaml", "yml", "toml", "ini", "properties");
        put(new Lang(words("local function end if then else elseif for in do while repeat until return break and or not"),
                C_FAMILY_CONSTANTS, List.of("--"), "--[[", "]]", "\"'", false, false), "lua");
        put(new Lang(words("from run cmd entrypoint copy add env arg workdir expose volume user label as"), Set.of(),
                List.of("#"), null, null, "\"'", false, false), "dockerfile", "docker");
        put(new Lang(words("func let var if else guard return import struct class enum protocol extension for in while "
                + "switch case default break continue init self throws try catch defer where"), C_FAMILY_CONSTANTS,
                List.of("//"), "/*", "*/", "\"", true, true), "swift");
        put(new Lang(words("function if else elseif foreach for while return class public private protected static "
                + "new echo namespace use extends implements"), C_FAMILY_CONSTANTS, List.of("//", "#"), "/*", "*/",
                "\"'", false, true), "php");
        put(new Lang(Set.of(), Set.of(), List.of(), "<!--", "-->", "\"'", false, false), "html", "xml", "svg", "vue");
        put(new Lang(Set.of(), Set.of(), List.of(), "/*", "*/", "\"'", false, false), "css", "scss", "less");
    }

    private static Set<String> words(String s) {
        return Set.of(s.split(" "));
    }

    private static void put(Lang lang, String... names) {
        for (String n : names) {
            LANGS.put(n, lang);
        }
    }

    private Highlighter() {}

    public static boolean knows(String language) {
        return language != null && (LANGS.containsKey(language.toLowerCase(Locale.ROOT)) || isDiff(language));
    }

    private static boolean isDiff(String language) {
        String l = language.toLowerCase(Locale.ROOT);
        return l.equals("diff") || l.equals("patch");
    }

    /** Each line as spans; an unknown language gets plain code text. */
    public static List<List<Span>> highlight(String language, List<String> lines, Style base) {
        String l = language == null ? "" : language.toLowerCase(Locale.ROOT);
        if (isDiff(l)) {
            return diff(lines, base);
        }
        Lang lang = LANGS.get(l);
        List<List<Span>> out = new ArrayList<>();
        boolean[] inBlock = {false};
        String[] inTriple = {null};
        for (String line : lines) {
            out.add(lang == null ? List.of(new Span(line, base)) : line(lang, line, base, inBlock, inTriple));
        }
        return out;
    }

    private static List<List<Span>> diff(List<String> lines, Style base) {
        List<List<Span>> out = new ArrayList<>();
        for (String line : lines) {
            Role r = line.startsWith("+++") || line.startsWith("---") ? Role.HEADING
                    : line.startsWith("@@") ? Role.DIFF_HUNK
                    : line.startsWith("+") ? Role.DIFF_ADD
                    : line.startsWith("-") ? Role.DIFF_REMOVE : null;
            out.add(List.of(new Span(line, r == null ? base : base.withFg(r))));
        }
        return out;
    }

    private static List<Span> line(Lang lang, String line, Style base, boolean[] inBlock, String[] inTriple) {
        List<Span> spans = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (i < n) {
            if (inTriple[0] != null) {
                int end = line.indexOf(inTriple[0], i);
                int stop = end < 0 ? n : end + 3;
                flush(spans, plain, base);
                spans.add(new Span(line.substring(i, stop), base.withFg(Role.STRING)));
                if (end >= 0) {
                    inTriple[0] = null;
                }
                i = stop;
                continue;
            }
            if (inBlock[0]) {
                int end = line.indexOf(lang.blockEnd(), i);
                int stop = end < 0 ? n : end + lang.blockEnd().length();
                flush(spans, plain, base);
                spans.add(new Span(line.substring(i, stop), base.withFg(Role.COMMENT).asItalic()));
                if (end >= 0) {
                    inBlock[0] = false;
                }
                i = stop;
                continue;
            }
            char c = line.charAt(i);
            if (lang.blockStart() != null && line.startsWith(lang.blockStart(), i)) {
                inBlock[0] = true;
                flush(spans, plain, base);
                int end = line.indexOf(lang.blockEnd(), i + lang.blockStart().length());
                int stop = end < 0 ? n : end + lang.blockEnd().length();
                spans.add(new Span(line.substring(i, stop), base.withFg(Role.COMMENT).asItalic()));
                if (end >= 0) {
                    inBlock[0] = false;
                }
                i = stop;
                continue;
            }
            String comment = null;
            for (String lc : lang.lineComments()) {
                if (line.startsWith(lc, i) && !(lc.equals("#") && lang.keywords().contains("#include")
                        && startsWithDirective(line, i, lang))) {
                    comment = lc;
                }
            }
            if (comment != null) {
                flush(spans, plain, base);
                spans.add(new Span(line.substring(i), base.withFg(Role.COMMENT).asItalic()));
                break;
            }
            if (lang.quotes().indexOf(c) >= 0) {
                if (lang.tripleQuotes() && line.startsWith("" + c + c + c, i)) {
                    String q = "" + c + c + c;
                    inTriple[0] = q;
                    flush(spans, plain, base);
                    int end = line.indexOf(q, i + 3);
                    int stop = end < 0 ? n : end + 3;
                    spans.add(new Span(line.substring(i, stop), base.withFg(Role.STRING)));
                    if (end >= 0) {
                        inTriple[0] = null;
                    }
                    i = stop;
                    continue;
                }
                int j = i + 1;
                while (j < n && line.charAt(j) != c) {
                    j += line.charAt(j) == '\\' ? 2 : 1;
                }
                int stop = Math.min(n, j + 1);
                flush(spans, plain, base);
                spans.add(new Span(line.substring(i, stop), base.withFg(Role.STRING)));
                i = stop;
                continue;
            }
            if (Character.isDigit(c) && (i == 0 || !Character.isLetterOrDigit(line.charAt(i - 1)) && line.charAt(i - 1) != '_')) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '.' || line.charAt(j) == '_')) {
                    j++;
                }
                flush(spans, plain, base);
                spans.add(new Span(line.substring(i, j), base.withFg(Role.NUMBER)));
                i = j;
                continue;
            }
            if (Character.isLetter(c) || c == '_' || c == '#' || c == '@' || c == '$') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) {
                    j++;
                }
                String word = line.substring(i, j);
                Role role = null;
                boolean keyword = lang.keywords().contains(word)
                        || (!lang.capitalizedTypes() && lang.keywords().contains(word.toLowerCase(Locale.ROOT)));
                if (keyword) {
                    role = Role.KEYWORD;
                } else if (lang.constants().contains(word)) {
                    role = Role.CONSTANT;
                } else if (c == '@') {
                    role = Role.TYPE;
                } else if (j < n && line.charAt(j) == '(') {
                    role = Role.FUNCTION;
                } else if (lang.capitalizedTypes() && Character.isUpperCase(c) && word.length() > 1) {
                    role = Role.TYPE;
                }
                if (role == null) {
                    plain.append(word);
                } else {
                    flush(spans, plain, base);
                    spans.add(new Span(word, role == Role.KEYWORD ? base.withFg(role).asBold() : base.withFg(role)));
                }
                i = j;
                continue;
            }
            plain.append(c);
            i++;
        }
        flush(spans, plain, base);
        return spans;
    }

    private static boolean startsWithDirective(String line, int i, Lang lang) {
        for (String k : lang.keywords()) {
            if (k.startsWith("#") && line.startsWith(k, i)) {
                return true;
            }
        }
        return false;
    }

    private static void flush(List<Span> spans, StringBuilder plain, Style base) {
        if (!plain.isEmpty()) {
            spans.add(new Span(plain.toString(), base));
            plain.setLength(0);
        }
    }
}
