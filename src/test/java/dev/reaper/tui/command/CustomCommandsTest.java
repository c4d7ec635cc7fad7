package dev.reaper.tui.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomCommandsTest {

    @TempDir
    Path project;

    @TempDir
    Path user;

    @Test
    void commandsComeFromBothFoldersAndTheProjectWins() throws Exception {
        Files.writeString(project.resolve("review.md"), "description: review like the team does\nCheck $ARGUMENTS for bugs.");
        Files.writeString(user.resolve("review.md"), "my own review");
        Files.writeString(user.resolve("standup.md"), "Summarise yesterday's commits.");
        Files.writeString(user.resolve("notes.txt"), "not a command");
        Files.writeString(user.resolve("bad name!.md"), "not a command either");
        Map<String, CustomCommands.Command> c = CustomCommands.load(List.of(project, user, project.resolve("none")));
        assertThat(c.keySet()).containsExactlyInAnyOrder("review", "standup");
        assertThat(c.get("review").description()).isEqualTo("review like the team does");
        assertThat(c.get("review").expand("src/a.py")).isEqualTo("Check src/a.py for bugs.");
        assertThat(c.get("standup").description()).isEqualTo("custom command");
        assertThat(c.get("standup").expand("")).isEqualTo("Summarise yesterday's commits.");
        assertThat(c.get("standup").expand("only mine")).isEqualTo("Summarise yesterday's commits.\n\nonly mine");
    }
}
