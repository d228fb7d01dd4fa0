package io.parley.kernel.dispatch;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Work submitted for a key: its first step ({@link StripeWork#run}) and what happens when it is not run because the
 * stripe or its key is full or the executor is closed. One object for both, so that a submission allocates nothing
 * more than the work itself.
 */
public interface KeyedWork extends StripeWork {

    /** The work will not run, for {@code reason}. Called at once on the submitting thread, or on the stripe. */
    void notRun(String reason);

    /** Work made of a first step and a callback for when it is not run. */
    static KeyedWork of(StripeWork first, Consumer<String> notRun) {
        return new KeyedWork() {
            @Override
            public CompletionStage<StripeWork> run() {
                return first.run();
            }

            @Override
            public void notRun(String reason) {
                notRun.accept(reason);
            }
        };
    }
}
