package dev.reaper.tui.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineEditorTest {

    @Test
    void typesMovesAndDeletesByCharacterAndWord() {
        LineEditor e = new LineEditor();
        e.insert("hello big world");
        e.wordLeft();
        assertThat(e.cursor()).isEqualTo(10);
        e.deleteWord();
        assertThat(e.text()).isEqualTo("hello world");
        e.lineStart();
        e.deleteChar();
        assertThat(e.text()).isEqualTo("ello world");
        e.lineEnd();
        e.backspace();
        assertThat(e.text()).isEqualTo("ello worl");
        e.wordLeft();
        e.killLine();
        assertThat(e.text()).isEqualTo("ello ");
    }

    @Test
    void upAndDownMoveBetweenLinesKeepingTheColumnAndSayWhenTheyCannot() {
        LineEditor e = new LineEditor();
        e.insert("first line\nab\nthird line");
        assertThat(e.position()).containsExactly(2, 10);
        assertThat(e.up()).isTrue();
        assertThat(e.position()).containsExactly(1, 2);
        assertThat(e.up()).isTrue();
        assertThat(e.position()).containsExactly(0, 2);
        assertThat(e.up()).isFalse();
        assertThat(e.down()).isTrue();
        assertThat(e.down()).isTrue();
        assertThat(e.position()).containsExactly(2, 2);
        assertThat(e.down()).isFalse();
    }

    @Test
    void theCurrentWordIsWhatCompletionReplaces() {
        LineEditor e = new LineEditor();
        e.insert("look at @src/ma");
        assertThat(e.currentWord()).isEqualTo("@src/ma");
        e.replaceCurrentWord("@src/main.py ");
        assertThat(e.text()).isEqualTo("look at @src/main.py ");
        assertThat(e.cursor()).isEqualTo(e.text().length());
    }

    @Test
    void editingAtTheEdgesDoesNothing() {
        LineEditor e = new LineEditor();
        e.backspace();
        e.deleteChar();
        e.left();
        e.wordLeft();
        e.deleteWord();
        e.killLine();
        assertThat(e.text()).isEmpty();
        assertThat(e.cursor()).isZero();
        e.insert("x");
        e.right();
        e.wordRight();
        assertThat(e.cursor()).isEqualTo(1);
    }
}
