package dev.reaper.tui.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the user types after a prompt command, bound to the prompt's arguments. */
class PromptCommandsTest {

    static final PromptCommands.Command WEATHER = new PromptCommands.Command("mcp__everything__args-prompt",
            "weather", List.of(new PromptCommands.Argument("city", "the city", true),
                    new PromptCommands.Argument("state", "", false)));

    @Test
    void wordsFillTheArgumentsInOrderAndTheLastTakesTheRest() {
        assertThat(WEATHER.bind("Paris Texas")).isEqualTo(Map.of("city", "Paris", "state", "Texas"));
        assertThat(WEATHER.bind("Paris")).isEqualTo(Map.of("city", "Paris"));
        assertThat(WEATHER.bind("\"New York\" New York State")).isEqualTo(Map.of("city", "New York",
                "state", "New York State"));
    }

    @Test
    void namedValuesGoWhereTheySayAndTheOthersFillTheRest() {
        assertThat(WEATHER.bind("state=Texas Paris")).isEqualTo(Map.of("city", "Paris", "state", "Texas"));
        assertThat(WEATHER.bind("city=\"San Francisco\"")).isEqualTo(Map.of("city", "San Francisco"));
        assertThat(WEATHER.bind("a=b")).isEqualTo(Map.of("city", "a=b")); // not an argument's name: a word
    }

    @Test
    void aMissingRequiredArgumentOrTooManyWordsSayWhatToType() {
        assertThatThrownBy(() -> WEATHER.bind(" ")).hasMessage("/mcp__everything__args-prompt needs city (the city):"
                + " /mcp__everything__args-prompt city [state]");
        PromptCommands.Command none = new PromptCommands.Command("mcp__s__p", "", List.of());
        assertThat(none.bind("")).isEmpty();
        assertThatThrownBy(() -> none.bind("x")).hasMessage("/mcp__s__p takes no arguments");
    }
}
