package io.parley.api.plugin;

/**
 * Makes one kind of replaceable service (a storage backend, a push vendor, a routing sink). Lives once per
 * server. The kernel picks one factory per provider type: the one named in config, else the only one,
 * else startup fails naming the candidates.
 *
 * @param <T> the provider type, e.g. {@link io.parley.api.storage.StorageProvider}
 */
public interface ProviderFactory<T> {

    /** The service type this factory makes. */
    Class<T> providerType();

    /** The name config uses to choose it ({@code embedded}, {@code apns}, …). */
    String name();

    /**
     * Creates the provider, validating {@code config} (the factory's own subtree). Called once, on the starting
     * thread; may open files and connections. The provider is closed by the kernel if it is
     * {@link AutoCloseable}.
     */
    T create(PluginConfig config, PluginContext context);
}
