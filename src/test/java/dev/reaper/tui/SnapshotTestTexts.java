package dev.reaper.tui;

import java.util.List;

/** Markdown answers of the kinds models write, shared by rendering tests. */
public final class SnapshotTestTexts {

    private SnapshotTestTexts() {}

    public static final List<String> MARKDOWN = List.of(
            SnapshotTest.ANSWER,
            "Plain answer with no blocks at all, just words that wrap across the width of the chat.",
            "\n\nStarts with blank lines.\n\n\n\nAnd has several between paragraphs.\n",
            "```python\ndef f():\n\n    return 1\n```\n\nAfter the code, which had a blank line inside.\n\n```\nunclosed fence\n\nstill code",
            "- one\n- two\n\n  indented continuation\n\n1. first\n\n2. second\n\n> quote\n> more\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nend",
            "# H1\n## H2\n### H3\n\n**bold** and *italic* and `code` and [a link](https://example.com)\n\n~~~js\nlet x = `tpl`;\n~~~\n");
}
