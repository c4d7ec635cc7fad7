package dev.reaper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [lsp.NAME]} tables over the built-in language servers. */
class LspConfigTest {

    @TempDir
    Path dir;

    private LspConfig read(String toml) throws Exception {
        return LspConfig.of(ConfigLoader.load(Files.writeString(dir.resolve("config.toml"), toml), null));
    }

    private LspConfig.Server server(LspConfig c, String name) {
        return c.servers().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void withoutATableTheBuiltInServersApply() throws Exception {
        LspConfig c = read("");

        assertThat(c.servers()).extracting(LspConfig.Server::name).containsExactly("pyright",
                "typescript-language-server", "clangd", "gopls", "rust-analyzer", "jdtls");
        assertThat(server(c, "pyright")).isEqualTo(new LspConfig.Server("pyright",
                List.of("pyright-langserver", "--stdio"), List.of(".py", ".pyi"), true));
    }

    @Test
    void aTableForABuiltInServerChangesOnlyTheKeysItSets() throws Exception {
        LspConfig c = read("""
                [lsp.pyright]
                command = ["basedpyright-langserver", "--stdio"]

                [lsp.jdtls]
                enabled = false
                """);

        assertThat(server(c, "pyright")).isEqualTo(new LspConfig.Server("pyright",
                List.of("basedpyright-langserver", "--stdio"), List.of(".py", ".pyi"), true));
        assertThat(server(c, "jdtls").enabled()).isFalse();
    }

    @Test
    void anotherServerComesAfterTheBuiltInOnesWithItsExtensionsGivenWithOrWithoutADot() throws Exception {
        LspConfig c = read("""
                [lsp.pyright]
                enabled = false

                [lsp.pylsp]
                command = ["pylsp"]
                extensions = ["py", ".pyi"]
                """);

        assertThat(c.servers().get(c.servers().size() - 1)).isEqualTo(new LspConfig.Server("pylsp", List.of("pylsp"),
                List.of(".py", ".pyi"), true));
    }

    @Test
    void mistakesNameTheKey() {
        assertThatThrownBy(() -> read("[lsp.pylsp]\ncommand = [\"pylsp\"]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(": [lsp.pylsp] is not a server Reaper knows, so it needs both command and"
                        + " extensions");
        assertThatThrownBy(() -> read("[lsp.pyright]\ncommand = \"pyright-langserver\"\n"))
                .hasMessageEndingWith(": 'lsp.pyright.command' must be a list of strings, e.g. command = [\"...\"]");
        assertThatThrownBy(() -> read("[lsp.pyright]\ncommand = []\n"))
                .hasMessageEndingWith(": lsp.pyright.command must name a program, e.g. command = [\"pyright\","
                        + " \"--stdio\"]");
        assertThatThrownBy(() -> read("[lsp.pyright]\nenabled = \"no\"\n"))
                .hasMessageEndingWith(": 'lsp.pyright.enabled' must be true or false");
        assertThatThrownBy(() -> read("[lsp.pyright]\nargs = [\"--stdio\"]\n"))
                .hasMessageEndingWith(": unknown key lsp.pyright.args (use command, extensions, enabled)");
        assertThatThrownBy(() -> read("[lsp.pyright]\nextensions = [\"src/*.py\"]\n"))
                .hasMessageEndingWith(": lsp.pyright.extensions has \"src/*.py\"; write an extension like \".py\"");
        assertThatThrownBy(() -> read("[lsp]\npyright = true\n"))
                .hasMessageEndingWith(": [lsp.pyright] must be a table, e.g. [lsp.pyright] command = [\"...\"]");
    }

    @Test
    void anExtensionBelongsToOneEnabledServer() {
        assertThatThrownBy(() -> read("""
                [lsp.pylsp]
                command = ["pylsp"]
                extensions = [".py"]
                """)).isInstanceOf(ConfigException.class).hasMessageEndingWith(": .py files are claimed by both"
                + " lsp.pyright and lsp.pylsp; set enabled = false on one, or change its extensions");
    }

    @Test
    void anUntrustedProjectCannotNameTheProgramOfAServer() throws Exception {
        Path project = Files.writeString(dir.resolve("project.toml"), """
                [lsp.pyright]
                command = ["./evil", "--stdio"]

                [lsp.jdtls]
                enabled = false
                """);

        Config c = ConfigLoader.load(null, project, false);

        assertThat(c.warnings()).containsExactly("ignored [lsp.pyright] (it sets a command) in " + project
                + ": this workspace is not trusted (run 'reaper trust' in it to allow its config to do that)");
        LspConfig lsp = LspConfig.of(c);
        assertThat(server(lsp, "pyright").command()).containsExactly("pyright-langserver", "--stdio");
        assertThat(server(lsp, "jdtls").enabled()).isFalse();
    }
}
