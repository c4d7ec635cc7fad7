package dev.reaper.app;

import dev.reaper.config.Config;
import dev.reaper.config.ConfigException;
import dev.reaper.config.Env;
import dev.reaper.config.ProviderConfig;
import dev.reaper.router.ProviderDirectory;
import dev.reaper.router.ProviderEndpoint;
import dev.reaper.router.Timeouts;
import dev.reaper.secret.Secret;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured providers: the built-in presets with the environment and config.toml on top, plus
 * the user's own OpenAI-compatible endpoints ({@code [providers.NAME]} with a {@code base_url}).
 */
public final class Providers implements ProviderDirectory {

    private final Map<String, ProviderEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, String> hints = new LinkedHashMap<>();
    private final Map<String, List<String>> keyVarsByProvider = new LinkedHashMap<>();
    private final Set<String> keyVars = new LinkedHashSet<>();
    /** Providers whose credential is a key file: the option naming it. */
    private final Map<String, String> keyFileOptions = new LinkedHashMap<>();
    /** Where each key file that is set was named: a variable or config.toml. */
    private final Map<String, String> keyFileSources = new LinkedHashMap<>();

    public Providers(Config config, Env env) {
        Timeouts timeouts = new Timeouts(config.network().connectTimeout(), config.network().firstTokenTimeout(),
                config.network().idleTimeout());
        for (ProviderPreset preset : ProviderPreset.ALL) {
            ProviderConfig pc = config.providers().getOrDefault(preset.name(), ProviderConfig.EMPTY);
            add(preset, wireApi(preset.wireApi(), pc.wireApi()), baseUrl(preset, pc, env), preset.keyVars(), pc, env,
                    timeouts, config.network().maxRetries());
        }
        for (Map.Entry<String, ProviderConfig> e : config.providers().entrySet()) {
            if (ProviderPreset.find(e.getKey()).isPresent()) {
                continue;
            }
            ProviderConfig pc = e.getValue();
            String base = pc.baseUrl().orElseThrow(() -> new ConfigException("[providers." + e.getKey()
                    + "] needs base_url (for example base_url = \"http://localhost:8000/v1\")"));
            add(new ProviderPreset(e.getKey(), "openai-chat", base, List.of(), List.of(), null),
                    wireApi("openai-chat", pc.wireApi()), checkUrl(e.getKey(), base), List.of(), pc, env, timeouts,
                    config.network().maxRetries());
        }
    }

    /**
     * The wire API a provider speaks: config.toml's {@code wire_api}, else its preset's. The OpenAI formats
     * may be named short, {@code responses} or {@code chat}; on Azure they select Azure's endpoints for them.
     */
    static String wireApi(String presetWireApi, Optional<String> configured) {
        boolean azure = presetWireApi.startsWith("azure-openai");
        String wire = configured.map(String::strip).orElse(presetWireApi);
        return switch (wire) {
            case "responses", "openai-responses" -> azure ? "azure-openai-responses" : "openai-responses";
            case "chat", "openai-chat" -> azure ? "azure-openai" : "openai-chat";
            default -> wire;
        };
    }

    private static String baseUrl(ProviderPreset preset, ProviderConfig pc, Env env) {
        if (pc.baseUrl().isPresent()) {
            return checkUrl(preset.name(), pc.baseUrl().get());
        }
        for (String var : preset.baseUrlVars()) {
            Optional<String> v = env.get(var);
            if (v.isPresent()) {
                String url = preset.name().equals("ollama") ? ollamaHost(v.get()) : v.get();
                return checkUrl(preset.name() + " (" + var + ")", url);
            }
        }
        return preset.baseUrl();
    }

    /**
     * OLLAMA_HOST may be "host", "host:port" or a URL, as the Ollama CLI accepts. As there, the port
     * defaults to 11434 without a scheme, and to the scheme's own port with one (a server behind an
     * HTTPS proxy is {@code https://ollama.example.com}).
     */
    static String ollamaHost(String value) {
        String v = value.strip();
        int defaultPort = v.startsWith("https://") ? 443 : v.startsWith("http://") ? 80 : 11434;
        if (!v.contains("://")) {
            v = "http://" + v;
        }
        URI u = URI.create(v);
        String host = u.getHost() == null || u.getHost().equals("0.0.0.0") ? "127.0.0.1" : u.getHost();
        int port = u.getPort() > 0 ? u.getPort() : defaultPort;
        return u.getScheme() + "://" + host + ":" + port;
    }

    private static String checkUrl(String what, String url) {
        try {
            URI u = URI.create(url.strip());
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return url.strip();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the base URL of " + what + " is not an http(s) URL: " + url);
        }
    }

    private void add(ProviderPreset preset, String wireApi, String baseUrl, List<String> presetKeyVars,
                     ProviderConfig pc, Env env, Timeouts timeouts, int maxRetries) {
        String name = preset.name();
        List<String> vars = pc.apiKeyEnv().map(List::of).orElse(presetKeyVars);
        keyVars.addAll(vars);
        keyVars.addAll(presetKeyVars); // still credentials when api_key_env points elsewhere
        Optional<Secret> key = pc.apiKey().map(Secret::of);
        String source = null;
        for (String var : vars) {
            source = source == null ? var : source;
            if (key.isEmpty()) {
                key = env.get(var).map(Secret::of);
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        preset.optionVars().forEach((option, optionVars) -> firstSet(env, optionVars).ifPresent(v -> options.put(option, v)));
        options.putAll(pc.options());
        Map<String, Secret> secrets = new LinkedHashMap<>();
        preset.secretVars().forEach((secret, secretVars) -> {
            keyVars.addAll(secretVars);
            firstSet(env, secretVars).ifPresent(v -> secrets.put(secret, Secret.of(v)));
        });
        int extra = 2;
        for (String var : pc.apiKeysEnv()) {
            keyVars.add(var);
            Optional<String> v = env.get(var).filter(x -> !x.isBlank());
            if (v.isEmpty()) {
                continue;
            }
            if (key.isEmpty()) {
                key = Optional.of(Secret.of(v.get()));
                source = source == null ? var : source;
            } else if (!v.get().equals(key.get().reveal())) {
                secrets.put("api_key_" + extra++, Secret.of(v.get()));
            }
        }
        String keySource = vars.isEmpty() && pc.apiKey().isEmpty() && pc.apiKeysEnv().isEmpty() ? null
                : (source != null ? source : "config.toml");
        endpoints.put(name, new ProviderEndpoint(name, wireApi, baseUrl, key, keySource, pc.headers(), timeouts,
                pc.maxRetries().orElse(maxRetries), options, secrets));
        keyVarsByProvider.put(name, List.copyOf(vars));
        hints.put(name, vars.isEmpty()
                ? "check that " + baseUrl + " is running"
                : "set " + String.join(" or ", vars) + " (or api_key_env in [providers." + name + "] of config.toml)");
        ProviderPreset.CredentialsFile keyFile = preset.credentialsFile();
        if (keyFile != null) {
            keyFileOptions.put(name, keyFile.option());
            hints.put(name, keyFile.setupHint());
            Optional<String> from = pc.options().containsKey(keyFile.option()) ? Optional.of("config.toml")
                    : firstSetName(env, preset.optionVars().getOrDefault(keyFile.option(), List.of()));
            from.ifPresent(f -> keyFileSources.put(name, f));
        }
    }

    private static Optional<String> firstSetName(Env env, List<String> vars) {
        return vars.stream().filter(v -> env.get(v).filter(s -> !s.isBlank()).isPresent()).findFirst();
    }

    private static Optional<String> firstSet(Env env, List<String> vars) {
        for (String var : vars) {
            Optional<String> v = env.get(var).filter(s -> !s.isBlank());
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<ProviderEndpoint> find(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    @Override
    public List<ProviderEndpoint> all() {
        return new ArrayList<>(endpoints.values());
    }

    @Override
    public String setupHint(String name) {
        String h = hints.get(name);
        if (h != null) {
            return h;
        }
        return "add [providers." + name + "] with base_url to config.toml, or use one of " + endpoints.keySet();
    }

    /** The variables that may hold one provider's key, in the order they are read. */
    public List<String> keyVariablesOf(String name) {
        return keyVarsByProvider.getOrDefault(name, List.of());
    }

    /** Every variable that may hold a provider key: kept out of the environment of commands the agent runs. */
    public Set<String> keyVariables() {
        return Set.copyOf(keyVars);
    }

    /** Whether a provider can be used without more setup: it has its key or key file, or needs none. */
    public boolean isConfigured(ProviderEndpoint e) {
        String keyFile = keyFileOptions.get(e.name());
        if (keyFile != null) {
            return e.option(keyFile).isPresent();
        }
        return e.keySource() == null || e.apiKey().isPresent();
    }

    /** Whether a provider takes no credential at all: a local server. */
    public boolean needsNoCredential(ProviderEndpoint e) {
        return e.keySource() == null && !keyFileOptions.containsKey(e.name());
    }

    /** Whether the provider's credential is set and where from, never the credential itself. */
    public String credentialStatus(ProviderEndpoint e) {
        if (keyFileOptions.containsKey(e.name())) {
            return isConfigured(e) ? "key file set (" + keyFileSources.getOrDefault(e.name(), "config.toml") + ")"
                    : "key file not set";
        }
        return needsNoCredential(e) ? "no key needed"
                : e.apiKey().isPresent() ? "key set (" + e.keySource() + ")" : "key not set";
    }
}
