package dev.reaper.router;

import java.util.List;
import java.util.Optional;

/** The configured providers, by the name used in model ids. */
public interface ProviderDirectory {

    Optional<ProviderEndpoint> find(String name);

    List<ProviderEndpoint> all();

    /** Says how to make a provider usable (which variable holds its key), for error messages. */
    String setupHint(String name);
}
