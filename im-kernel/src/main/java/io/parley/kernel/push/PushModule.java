package io.parley.kernel.push;

import com.google.inject.AbstractModule;
import io.parley.kernel.message.OfflinePushes;

/** Offline pushes: what the write path asks ({@link OfflinePushes}) is answered by {@link OfflinePushRequester}. */
public final class PushModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(OfflinePushes.class).to(OfflinePushRequester.class);
    }
}
