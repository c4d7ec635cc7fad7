package dev.reaper.cli;

import dev.reaper.router.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code reaper --version}. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"reaper " + Version.get()};
    }
}
