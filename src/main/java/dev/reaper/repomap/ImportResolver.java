package dev.reaper.repomap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the import specifiers of {@link ImportScanner} into workspace files, the way each language
 * finds them: package paths by the end of a file's path (source roots are not configured anywhere Reaper
 * could read), relative paths from the importing file, Go import paths under the module of the nearest
 * {@code go.mod}, Rust module paths under the crate of the nearest {@code Cargo.toml}. When several files
 * could be meant, the one nearest the importing file wins. Imports of anything outside the workspace (the
 * standard library, packages) resolve to nothing.
 */
final class ImportResolver {

    private static final List<String> JVM_EXTENSIONS = List.of(".java", ".kt", ".scala");
    private static final List<String> JS_EXTENSIONS = List.of(".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs",
            ".mts", ".cts");
    private static final Pattern GO_MODULE = Pattern.compile("(?m)^\\s*module\\s+(\\S+)");

    private final Path root;
    private final Set<String> files;
    /** Every file under each ending of its path at a slash: {@code a/b/C.java}, {@code b/C.java}, {@code C.java}. */
    private final Map<String, List<String>> bySuffix = new HashMap<>();
    /** The files directly in each directory ({@code ""} is the root). */
    private final Map<String, List<String>> byDirectory = new HashMap<>();
    /** Every directory under each ending of its path. */
    private final Map<String, List<String>> directoriesBySuffix = new HashMap<>();
    private final Map<String, Optional<String>> goModules = new HashMap<>();
    private final Map<String, Optional<String>> crates = new HashMap<>();

    ImportResolver(Path root, Set<String> files) {
        this.root = root;
        this.files = files;
        for (String f : files) {
            for (String s : suffixes(f)) {
                bySuffix.computeIfAbsent(s, k -> new ArrayList<>(1)).add(f);
            }
            String dir = parent(f);
            List<String> inDir = byDirectory.computeIfAbsent(dir, k -> new ArrayList<>());
            if (inDir.isEmpty() && !dir.isEmpty()) {
                for (String s : suffixes(dir)) {
                    directoriesBySuffix.computeIfAbsent(s, k -> new ArrayList<>(1)).add(dir);
                }
            }
            inDir.add(f);
        }
    }

    /**
     * The files an import of {@code from} names: usually one; for a Go package all its files; for a JVM
     * wildcard the files of the package whose type {@code from} uses (by file name, as Java names them).
     */
    List<String> resolve(String from, Language language, String spec, References uses) {
        List<String> out = switch (language) {
            case JAVA, KOTLIN, SCALA -> jvm(from, spec, uses);
            case PYTHON -> python(from, spec);
            case JAVASCRIPT, TYPESCRIPT -> javascript(from, spec);
            case GO -> go(from, spec);
            case C, CPP -> include(from, spec);
            case RUST -> rust(from, spec);
            default -> List.of();
        };
        return out.stream().filter(f -> !f.equals(from)).toList();
    }

    private List<String> jvm(String from, String spec, References uses) {
        if (spec.endsWith(".*")) {
            return nearestDirectory(from, spec.substring(0, spec.length() - 2).replace('.', '/'))
                    .map(d -> byDirectory.get(d).stream()
                            .filter(f -> Language.of(f).map(Language::onJvm).orElse(false)
                                    && uses.countOf(stem(f)) > 0)
                            .toList())
                    .orElse(List.of());
        }
        String path = spec.replace('.', '/');
        // a.b.C.member (a static import) or a.b.Outer.Inner: the file is a prefix of the name
        for (int drops = 0; drops <= 2 && !path.isEmpty(); drops++) {
            for (String ext : JVM_EXTENSIONS) {
                Optional<String> f = nearest(from, path + ext);
                if (f.isPresent()) {
                    return List.of(f.get());
                }
            }
            path = parent(path);
        }
        return List.of();
    }

    private List<String> python(String from, String spec) {
        int dots = 0;
        while (dots < spec.length() && spec.charAt(dots) == '.') {
            dots++;
        }
        String module = spec.substring(dots).replace('.', '/');
        if (dots > 0) {
            String base = parent(from);
            for (int i = 1; i < dots; i++) {
                base = parent(base);
            }
            String path = join(base, module);
            while (true) {
                List<String> candidates = path.equals(base) ? List.of(join(path, "__init__.py"))
                        : List.of(path + ".py", join(path, "__init__.py"), path + ".pyi");
                for (String candidate : candidates) {
                    if (files.contains(candidate)) {
                        return List.of(candidate);
                    }
                }
                if (path.equals(base)) {
                    return List.of();
                }
                path = parent(path);
            }
        }
        for (String path = module; !path.isEmpty(); path = parent(path)) {
            for (String candidate : List.of(path + ".py", path + "/__init__.py", path + ".pyi")) {
                Optional<String> f = nearest(from, candidate);
                if (f.isPresent()) {
                    return List.of(f.get());
                }
            }
        }
        return List.of();
    }

    private List<String> javascript(String from, String spec) {
        String base = normalize(join(parent(from), spec));
        if (base == null) {
            return List.of();
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(base);
        for (String ext : JS_EXTENSIONS) {
            candidates.add(base + ext);
        }
        for (String ext : JS_EXTENSIONS) {
            candidates.add(join(base, "index" + ext));
        }
        // TypeScript's ES modules import "./x.js" for the source file x.ts
        for (String js : List.of(".js", ".jsx", ".mjs", ".cjs")) {
            if (base.endsWith(js)) {
                String stem = base.substring(0, base.length() - js.length());
                candidates.addAll(List.of(stem + ".ts", stem + ".tsx", stem + ".mts", stem + ".cts"));
            }
        }
        return candidates.stream().filter(files::contains).findFirst().map(List::of).orElse(List.of());
    }

    private List<String> go(String from, String spec) {
        for (String dir = parent(from); ; dir = parent(dir)) {
            Optional<String> module = goModules.computeIfAbsent(dir, this::goModule);
            if (module.isPresent()) {
                String m = module.get();
                if (!spec.equals(m) && !spec.startsWith(m + "/")) {
                    return List.of();
                }
                String pkg = join(dir, spec.substring(m.length()).replaceFirst("^/", ""));
                return byDirectory.getOrDefault(pkg, List.of()).stream()
                        .filter(f -> f.endsWith(".go") && !f.endsWith("_test.go")).toList();
            }
            if (dir.isEmpty()) {
                return List.of();
            }
        }
    }

    private Optional<String> goModule(String dir) {
        try {
            Path mod = root.resolve(dir).resolve("go.mod");
            if (!Files.isRegularFile(mod)) {
                return Optional.empty();
            }
            Matcher m = GO_MODULE.matcher(Files.readString(mod, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private List<String> include(String from, String spec) {
        String relative = normalize(join(parent(from), spec));
        if (relative != null && files.contains(relative)) {
            return List.of(relative);
        }
        String path = spec.startsWith("./") ? spec.substring(2) : spec;
        return path.contains("..") ? List.of() : nearest(from, path).map(List::of).orElse(List.of());
    }

    private List<String> rust(String from, String spec) {
        if (spec.startsWith("mod:")) {
            String dir = rustModuleDirectory(from);
            String name = spec.substring(4);
            return first(join(dir, name + ".rs"), join(dir, name + "/mod.rs"));
        }
        String[] parts = spec.split("::");
        String base;
        if (parts[0].equals("crate")) {
            Optional<String> src = crateSource(parent(from));
            if (src.isEmpty()) {
                return List.of();
            }
            base = src.get();
        } else if (parts[0].equals("self")) {
            base = rustModuleDirectory(from);
        } else {
            String name = from.substring(from.lastIndexOf('/') + 1);
            base = name.equals("mod.rs") ? parent(parent(from)) : parent(from);
        }
        for (int n = parts.length - 1; n >= 1; n--) {
            String path = join(base, String.join("/", java.util.Arrays.copyOfRange(parts, 1, n + 1)));
            List<String> f = first(path + ".rs", path + "/mod.rs");
            if (!f.isEmpty()) {
                return f;
            }
        }
        return List.of();
    }

    /** Where the submodules of a Rust file live: beside lib.rs, main.rs and mod.rs, else in a folder of its name. */
    private static String rustModuleDirectory(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        if (name.equals("mod.rs") || name.equals("lib.rs") || name.equals("main.rs")) {
            return parent(file);
        }
        return file.substring(0, file.length() - ".rs".length());
    }

    /** The source folder of the crate a folder belongs to: {@code src} beside the nearest Cargo.toml above. */
    private Optional<String> crateSource(String dir) {
        Optional<String> known = crates.get(dir);
        if (known == null) {
            if (Files.isRegularFile(root.resolve(dir).resolve("Cargo.toml"))) {
                known = Optional.of(join(dir, "src"));
            } else {
                known = dir.isEmpty() ? Optional.empty() : crateSource(parent(dir));
            }
            crates.put(dir, known);
        }
        return known;
    }

    private List<String> first(String... candidates) {
        for (String c : candidates) {
            if (files.contains(c)) {
                return List.of(c);
            }
        }
        return List.of();
    }

    /** The file ending in {@code suffix} whose path shares the longest folder prefix with {@code from}. */
    private Optional<String> nearest(String from, String suffix) {
        return closest(from, bySuffix.get(suffix));
    }

    private Optional<String> nearestDirectory(String from, String suffix) {
        return closest(from, directoriesBySuffix.get(suffix));
    }

    private static Optional<String> closest(String from, Collection<String> candidates) {
        if (candidates == null || candidates.isEmpty()) {
            return Optional.empty();
        }
        String best = null;
        int bestShared = -1;
        for (String c : candidates) {
            int shared = sharedPrefix(from, c);
            if (shared > bestShared || (shared == bestShared && c.compareTo(best) < 0)) {
                best = c;
                bestShared = shared;
            }
        }
        return Optional.of(best);
    }

    private static int sharedPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static List<String> suffixes(String path) {
        List<String> out = new ArrayList<>();
        out.add(path);
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            out.add(path.substring(i + 1));
        }
        return out;
    }

    private static String stem(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String join(String dir, String name) {
        if (dir.isEmpty()) {
            return name;
        }
        return name.isEmpty() ? dir : dir + "/" + name;
    }

    /** Resolves {@code .} and {@code ..}; null when the path climbs out of the workspace. */
    private static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }
}
