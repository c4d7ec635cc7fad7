package dev.reaper.repomap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which uses of a name lead from one file to another, on symbols given by hand. */
class FileGraphTest {

    private static FileSymbols defines(Definition... defs) {
        return new FileSymbols(List.of(defs), References.NONE, List.of());
    }

    private static FileSymbols uses(List<String> imports, Object... namesAndCounts) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < namesAndCounts.length; i += 2) {
            counts.put((String) namesAndCounts[i], (Integer) namesAndCounts[i + 1]);
        }
        return new FileSymbols(List.of(), References.of(counts), imports);
    }

    private static int slot(FileGraph g, String file) {
        for (int i = 0; i < g.slots(); i++) {
            if (g.file(i).equals(file)) {
                return i;
            }
        }
        throw new AssertionError(file + " is not in the graph");
    }

    /** The files a file's uses lead to. */
    private static Set<String> reached(FileGraph g, String file) {
        Set<String> out = new TreeSet<>();
        for (int id : g.uses(slot(g, file))) {
            FileGraph.IntList d = g.definers(id);
            for (int k = 0; k < d.size; k++) {
                out.add(g.file(d.items[k]));
            }
        }
        return out;
    }

    private static FileGraph graph(Map<String, FileSymbols> files) {
        FileGraph g = new FileGraph(Path.of("/nonexistent"));
        g.apply(files, List.of(), () -> false);
        return g;
    }

    @Test
    void aMemberIsReachedOnlyFromFilesThatNameItsType() {
        FileGraph g = graph(Map.of(
                "Transcript.java", defines(new Definition("Transcript", "class", 1),
                        new Definition("append", "method", 3, "Transcript")),
                "Log.java", defines(new Definition("Log", "class", 1), new Definition("append", "method", 3, "Log")),
                "Session.java", uses(List.of(), "Transcript", 1, "append", 3),
                "Builder.java", uses(List.of(), "StringBuilder", 1, "append", 5)));

        assertThat(reached(g, "Session.java")).containsExactly("Transcript.java");
        assertThat(reached(g, "Builder.java")).isEmpty();
    }

    @Test
    void aConstructorIsPartOfItsTypeNotAMember() {
        FileGraph g = graph(Map.of(
                "Account.java", defines(new Definition("Account", "class", 1),
                        new Definition("Account", "method", 2, "Account")),
                "Bank.java", uses(List.of(), "Account", 4)));

        assertThat(g.uses(slot(g, "Bank.java"))).as("the class only, not also its constructor").hasSize(1);
        assertThat(reached(g, "Bank.java")).containsExactly("Account.java");
    }

    @Test
    void namesMeetOnlyWithinAFamilyOfLanguages() {
        FileGraph g = graph(Map.of(
                "calc.py", defines(new Definition("add", "function", 1)),
                "util.ts", defines(new Definition("add", "function", 1)),
                "Adder.java", uses(List.of(), "add", 4),
                "main.js", uses(List.of(), "add", 1)));

        assertThat(reached(g, "Adder.java")).isEmpty();
        assertThat(reached(g, "main.js")).containsExactly("util.ts");
    }

    @Test
    void aNameImportedFromElsewhereIsNotTakenForAWorkspaceDefinition() {
        FileGraph g = graph(Map.of(
                "List.java", defines(new Definition("List", "class", 1)),
                "ImportsJdkList.java", uses(List.of("java.util.List"), "List", 3),
                "SamePackage.java", uses(List.of(), "List", 2)));

        assertThat(reached(g, "ImportsJdkList.java")).isEmpty();
        assertThat(reached(g, "SamePackage.java")).containsExactly("List.java");
    }

    @Test
    void aFileDefiningANameItselfDoesNotLeadAnywhereWithIt() {
        FileGraph g = graph(Map.of(
                "a.py", new FileSymbols(List.of(new Definition("parse", "function", 1)),
                        References.of(Map.of("parse", 2)), List.of()),
                "b.py", defines(new Definition("parse", "function", 1))));

        assertThat(reached(g, "a.py")).isEmpty();
    }

    @Test
    void aChangeThatMovesOnlyLinesLeavesTheVersionAndOneThatAddsADefinitionDoesNot() {
        FileGraph g = graph(Map.of(
                "a.py", defines(new Definition("parse", "function", 1)),
                "b.py", uses(List.of(), "parse", 1)));
        long before = g.version();

        g.apply(Map.of("a.py", defines(new Definition("parse", "function", 9))), List.of(), () -> false);
        assertThat(g.version()).isEqualTo(before);

        g.apply(Map.of("a.py", defines(new Definition("parse", "function", 9),
                new Definition("render", "function", 20))), List.of(), () -> false);
        assertThat(g.version()).isGreaterThan(before);
    }
}
