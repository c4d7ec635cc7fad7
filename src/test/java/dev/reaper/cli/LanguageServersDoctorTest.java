package dev.reaper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reaper.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reaper doctor} lists the configured language servers, found or missing, and starts none. */
class LanguageServersDoctorTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    @TempDir
    Path bin;

    @Test
    void doctorSaysWhichServersAreInstalledWithoutStartingThem() throws Exception {
        Path gopls = Files.writeString(bin.resolve("gopls"), "#!/bin/sh\necho started >> " + bin.resolve("runs") + "\n");
        Files.setPosixFilePermissions(gopls, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("config.toml"), "[lsp.rust-analyzer]\nenabled = false\n");

        CliRun.Result r = new CliRun(home, work).env("PATH", bin.toString()).run("doctor", "--offline");

        assertThat(r.out()).contains("Language servers (each starts when a file of its language is first used)\n")
                .containsPattern("\n  gopls +\\.go +ok  " + gopls + "\n")
                .containsPattern("\n  pyright +\\.py \\.pyi +- not installed: no pyright-langserver in PATH"
                        + " \\(install: npm install -g pyright\\), or set its command in \\[lsp\\.pyright\\]\n")
                .containsPattern("\n  rust-analyzer +\\.rs +- disabled \\(enabled = false\\)\n");
        assertThat(bin.resolve("runs")).doesNotExist();
    }
}
