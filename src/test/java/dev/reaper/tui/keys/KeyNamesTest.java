package dev.reaper.tui.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyNamesTest {

    @Test
    void namesKeysWithModifiersInOneOrder() {
        assertThat(KeyNames.of(new KeyStroke('x', true, false))).isEqualTo("ctrl+x");
        assertThat(KeyNames.of(new KeyStroke('X', true, true))).isEqualTo("ctrl+alt+x");
        assertThat(KeyNames.of(new KeyStroke('G', false, false))).isEqualTo("G");
        assertThat(KeyNames.of(new KeyStroke(' ', false, false))).isEqualTo("space");
        assertThat(KeyNames.of(new KeyStroke(KeyType.Enter, false, true))).isEqualTo("alt+enter");
        assertThat(KeyNames.of(new KeyStroke(KeyType.ArrowUp, false, false, true))).isEqualTo("shift+up");
        assertThat(KeyNames.of(new KeyStroke(KeyType.ReverseTab))).isEqualTo("shift+tab");
        assertThat(KeyNames.of(new KeyStroke(KeyType.EOF))).isNull();
    }

    @Test
    void parsesSequencesWithTheLeader() {
        assertThat(KeyNames.parseSequence("<leader>ai", List.of("space"))).containsExactly("space", "a", "i");
        assertThat(KeyNames.parseSequence("ctrl+x  s", null)).containsExactly("ctrl+x", "s");
        assertThat(KeyNames.parseSequence("Alt+Enter", null)).containsExactly("alt+enter");
        assertThatThrownBy(() -> KeyNames.parseSequence("<leader>a", null)).hasMessageContaining("no leader");
        assertThatThrownBy(() -> KeyNames.parseSequence("  ", null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> KeyNames.parseSequence("hyper+x", null)).hasMessageContaining("hyper");
    }
}
