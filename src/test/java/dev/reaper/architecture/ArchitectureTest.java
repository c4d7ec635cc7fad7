package dev.reaper.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the dependency arrows pointing one way: front-ends (cli, headless) over the agent, the agent over
 * router, tools, context, git, policy and store, everything over protocol; provider adapters are seen only by
 * app, the one place that wires concrete classes; language servers (lsp) plug into tools and are wired by
 * app (and shown by cli's doctor); MCP servers' tools (mcp) likewise, with cli's 'reaper mcp'.
 */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.reaper");

    /** Each package and the Reaper packages it may use (besides itself and its sub-packages). */
    static final Map<String, List<String>> ALLOWED = Map.ofEntries(
            Map.entry("protocol", List.of()),
            Map.entry("json", List.of()),
            Map.entry("secret", List.of()),
            Map.entry("edit", List.of()),
            Map.entry("context", List.of()),
            // git reads repositories through JGit and knows nothing of sessions or tools
            Map.entry("git", List.of()),
            // the repo map walks the workspace with context's ignore rules; tools, the session's start and
            // the TUI's /map use it
            Map.entry("repomap", List.of("context")),
            Map.entry("policy", List.of("protocol")),
            Map.entry("config", List.of("json", "secret")),
            Map.entry("router", List.of("protocol", "json", "secret")),
            Map.entry("providers", List.of("router", "protocol", "json", "secret")),
            // store keeps the router's answers (the response cache) as it keeps sessions: router is below it
            Map.entry("store", List.of("protocol", "router", "json", "secret")),
            Map.entry("tools", List.of("protocol", "policy", "edit", "context", "git", "repomap", "json", "secret")),
            // language servers: implements tools' SPI (the lsp_* tools, diagnostics after edits), as MCP would
            // processes Reaper starts (language and MCP servers): their stderr
            Map.entry("process", List.of()),
            Map.entry("lsp", List.of("tools", "policy", "protocol", "context", "config", "process")),
            // MCP client: JSON-RPC over Jackson (json), its servers' tools as tools' SPI, configured by config
            Map.entry("mcp", List.of("tools", "policy", "protocol", "config", "json", "process")),
            // code review: findings, the tool that reports them, the report formats, git hooks
            Map.entry("review", List.of("tools", "policy", "protocol", "json")),
            Map.entry("agent", List.of("protocol", "router", "tools", "context", "git", "policy", "store", "edit",
                    "json", "secret")),
            Map.entry("headless", List.of("agent", "protocol", "json", "tools", "edit", "router", "policy")),
            Map.entry("tui", List.of("agent", "protocol", "router", "tools", "context", "policy", "store", "edit",
                    "config", "json")),
            Map.entry("app", List.of("agent", "router", "providers", "tools", "context", "git", "repomap", "policy",
                    "store", "edit", "review", "config", "protocol", "json", "secret", "lsp", "mcp")),
            Map.entry("cli", List.of("app", "headless", "tui", "agent", "router", "tools", "context", "git", "repomap",
                    "policy", "review", "store", "edit", "config", "protocol", "json", "secret", "lsp", "mcp")));

    static List<String> packages() {
        return new ArrayList<>(ALLOWED.keySet());
    }

    @ParameterizedTest
    @MethodSource("packages")
    void dependsOnlyOnThePackagesBelowIt(String pkg) {
        List<String> allowed = new ArrayList<>();
        allowed.add("dev.reaper." + pkg + "..");
        for (String a : ALLOWED.get(pkg)) {
            allowed.add("dev.reaper." + a + "..");
        }
        noClasses().that().resideInAPackage("dev.reaper." + pkg + "..")
                .should().dependOnClassesThat(resideInAPackage("dev.reaper..")
                        .and(not(resideInAnyPackage(allowed.toArray(String[]::new)))))
                .because("dependencies point one way (see ArchitectureTest.ALLOWED)")
                .check(CLASSES);
    }

    @Test
    void everyPackageIsCoveredByTheRules() {
        for (var c : CLASSES) {
            String p = c.getPackageName();
            if (!p.startsWith("dev.reaper.")) {
                continue;
            }
            String top = p.substring("dev.reaper.".length()).split("\\.")[0];
            if (!ALLOWED.containsKey(top)) {
                throw new AssertionError("package dev.reaper." + top + " has no dependency rule in ArchitectureTest");
            }
        }
    }

    /**
     * Each adapter owns one wire format. The one exception is Vertex AI, which hosts two formats and
     * speaks them by composing the Gemini and Anthropic adapters through their public adapter API
     * (their encoders and parsers stay private to their packages); moving those formats out of their
     * packages for its sake would scatter what each package owns.
     */
    @Test
    void providerAdaptersDoNotKnowEachOther() {
        slices().matching("dev.reaper.providers.(*)..").should().notDependOnEachOther()
                .ignoreDependency(resideInAPackage("dev.reaper.providers.vertex.."),
                        name("dev.reaper.providers.gemini.GeminiAdapter")
                                .or(name("dev.reaper.providers.anthropic.AnthropicAdapter")))
                .check(CLASSES);
    }

    @Test
    void thereAreNoCycles() {
        slices().matching("dev.reaper.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
