package io.parley.kernel.receipt;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.parley.api.plugin.MessageInterceptor;
import io.parley.kernel.feature.KernelCommands;
import io.parley.kernel.message.KernelSteps;

/** Read receipts: their client commands, and the steps that record group receipts and a peer's reading. Binds only. */
public final class ReceiptModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), KernelCommands.class).addBinding().to(ReceiptCommands.class);
        Multibinder<MessageInterceptor> steps = Multibinder.newSetBinder(binder(), MessageInterceptor.class,
                KernelSteps.class);
        steps.addBinding().to(ReceiptInterceptor.class);
        steps.addBinding().to(PeerReadInterceptor.class);
    }
}
