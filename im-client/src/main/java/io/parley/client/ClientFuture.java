package io.parley.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The futures {@link ImClient} returns. They complete on the client's callback thread, so a thread that
 * blocks on one from that very thread (a listener calling {@code send(...).join()}) would wait for itself:
 * this future refuses that with an {@link IllegalStateException} instead of hanging. Dependent futures
 * ({@code thenApply}, …) inherit the check.
 */
final class ClientFuture<T> extends CompletableFuture<T> {
    private final SerialExecutor callbacks;

    ClientFuture(SerialExecutor callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new ClientFuture<>(callbacks);
    }

    @Override
    public T join() {
        checkNotSelfWait();
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        checkNotSelfWait();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        checkNotSelfWait();
        return super.get(timeout, unit);
    }

    private void checkNotSelfWait() {
        if (!isDone() && callbacks.inCallbackThread()) {
            throw new IllegalStateException("blocking on an ImClient future from the client's callback thread would "
                    + "wait forever: its result is delivered on this thread; use thenAccept/whenComplete instead");
        }
    }
}
