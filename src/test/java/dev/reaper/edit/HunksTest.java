package dev.reaper.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HunksTest {

    static final String BEFORE = "a\nb\nc\nd\ne\nf\ng\nh\n";
    static final String AFTER = "A\nb\nc\nd\ne\nf\ng\nH\nnew\n";

    @Test
    void separateChangesAreSeparateHunks() {
        List<Hunks.Hunk> hunks = Hunks.of(BEFORE, AFTER);
        assertThat(hunks).hasSize(2);
        assertThat(hunks.get(0).lines()).containsExactly("@@ -1,1 +1,1 @@", "-a", "+A");
        assertThat(hunks.get(1).lines()).containsExactly("@@ -8,1 +8,2 @@", "-h", "+H", "+new");
    }

    @Test
    void contextComesFromTheOldTextAndStopsAtItsEdges() {
        List<String> old = List.of(BEFORE.split("\n", -1));
        List<Hunks.Hunk> hunks = Hunks.of(BEFORE, AFTER);
        assertThat(hunks.get(0).lines(old, 2)).containsExactly("@@ -1,1 +1,1 @@", "-a", "+A", " b", " c");
        assertThat(hunks.get(1).lines(old, 2)).containsExactly("@@ -8,1 +8,2 @@", " f", " g", "-h", "+H", "+new", " ");
    }

    @Test
    void applyingSomeHunksKeepsTheOthersAsTheyWere() {
        assertThat(Hunks.apply(BEFORE, AFTER, Set.of(1))).isEqualTo("a\nb\nc\nd\ne\nf\ng\nH\nnew\n");
        assertThat(Hunks.apply(BEFORE, AFTER, Set.of(0))).isEqualTo("A\nb\nc\nd\ne\nf\ng\nh\n");
        assertThat(Hunks.apply(BEFORE, AFTER, Set.of())).isEqualTo(BEFORE);
    }
}
