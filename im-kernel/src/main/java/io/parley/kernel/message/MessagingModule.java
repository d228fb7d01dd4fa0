package io.parley.kernel.message;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.ImPlugin;
import io.parley.kernel.config.TrackedConfig;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The write path: the {@code private} business type, the interceptor order and the message types. Binds; builds and
 * opens nothing.
 */
public final class MessagingModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), BusinessType.class).addBinding().to(PrivateBusinessType.class);
    }

    @Provides
    @Singleton
    InterceptorOrder interceptorOrder(TrackedConfig config) {
        return InterceptorOrder.read(config);
    }

    /** The built-in message types and those every loaded plugin declares. */
    @Provides
    @Singleton
    MessageTypeRegistry messageTypes(List<ImPlugin> plugins) {
        return new MessageTypeRegistry(plugins.stream().flatMap(plugin -> plugin.messageTypes().stream()).toList());
    }
}
