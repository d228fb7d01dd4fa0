package io.parley.plugin.push.spi;

import io.parley.api.plugin.ProviderFactory;

/**
 * Makes one vendor's {@link PushProvider} from its config subtree ({@code push.<vendor>.*}). The push plugin
 * creates the providers that {@code push.vendors} turns on; the kernel does not choose among them.
 */
public interface PushProviderFactory extends ProviderFactory<PushProvider> {

    @Override
    default Class<PushProvider> providerType() {
        return PushProvider.class;
    }
}
