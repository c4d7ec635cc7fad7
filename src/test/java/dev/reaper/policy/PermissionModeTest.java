package dev.reaper.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Permission modes are named as Claude Code names them. */
class PermissionModeTest {

    @ParameterizedTest
    @CsvSource({
        "default,           DEFAULT",
        "acceptEdits,       ACCEPT_EDITS",
        "plan,              PLAN",
        "bypassPermissions, BYPASS",
        "ACCEPTEDITS,       ACCEPT_EDITS",
        "bypasspermissions, BYPASS",
    })
    void parsesTheClaudeCodeNamesIgnoringCase(String text, PermissionMode expected) {
        assertThat(PermissionMode.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(PermissionMode.class)
    void parsingTheIdGivesTheModeBack(PermissionMode mode) {
        assertThat(PermissionMode.parse(mode.id())).isEqualTo(mode);
    }

    @Test
    void anUnknownModeListsTheValidOnes() {
        assertThatThrownBy(() -> PermissionMode.parse("yolo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown permission mode 'yolo': use one of default, acceptEdits, plan, bypassPermissions");
    }

    @Test
    void theJavaConstantNameIsNotAModeName() {
        assertThatThrownBy(() -> PermissionMode.parse("ACCEPT_EDITS")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PermissionMode.parse("bypass")).isInstanceOf(IllegalArgumentException.class);
    }
}
