package dev.reaper.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.context.IgnoreRules;
import dev.reaper.protocol.ContentBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** @path mentions: attached when readable, noted when ignored, denied, binary or outside the workspace. */
class MentionsTest {

    @TempDir
    Path root;

    @Test
    void attachesReadableFilesAndSaysWhyOthersAreNot(@TempDir Path outside) throws IOException {
        Files.writeString(root.resolve("a.py"), "print(1)\n");
        Files.writeString(root.resolve(".gitignore"), "build/\n");
        Files.createDirectories(root.resolve("build"));
        Files.writeString(root.resolve("build/out.txt"), "generated\n");
        Files.writeString(root.resolve(".env"), "TOKEN=secret-value-123\n");
        Files.write(root.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        Files.writeString(outside.resolve("x.txt"), "elsewhere\n");
        String rel = root.relativize(outside.resolve("x.txt")).toString();

        List<ContentBlock> got = Mentions.attach("look at @a.py, @build/out.txt, @.env, @logo.png and @" + rel
                + "; mail me@example.com", root, new IgnoreRules(root), path -> !path.equals(".env"));

        List<String> texts = got.stream().map(b -> ((ContentBlock.Text) b).text()).toList();
        assertThat(texts).hasSize(5);
        assertThat(texts.get(0)).isEqualTo("<file path=\"a.py\">\nprint(1)\n\n</file>");
        assertThat(texts.get(1)).contains("ignored by .gitignore");
        assertThat(texts.get(2)).contains("deny reading it").doesNotContain("secret-value");
        assertThat(texts.get(3)).contains("binary");
        assertThat(texts.get(4)).contains("outside the workspace").doesNotContain("elsewhere");
    }
}
