package io.parley.client;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a delegate executor: the client's callback thread. The
 * delegate may be shared by many clients (a pool); each client's callbacks still run in order, never two at
 * once. A task that throws is logged and the next one runs. Thread-safe.
 */
final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final int batch;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean scheduled;
    private volatile Thread running;

    /** @param batch tasks run before the delegate's thread is given back (and the rest resubmitted) */
    SerialExecutor(Executor delegate, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1: " + batch);
        }
        this.delegate = delegate;
        this.batch = batch;
    }

    /** Queues a task. A task refused because the delegate was shut down is dropped (logged at debug). */
    @Override
    public void execute(Runnable task) {
        tryExecute(task);
    }

    /** Queues a task; false when the delegate refused it (shut down), in which case it will not run. */
    boolean tryExecute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (scheduled) {
                return true;
            }
            scheduled = true;
        }
        try {
            delegate.execute(this::drain);
            return true;
        } catch (RejectedExecutionException e) {
            synchronized (tasks) {
                tasks.clear();
                scheduled = false;
            }
            log.debug("callback executor refused a task (shut down?)", e);
            return false;
        }
    }

    /** Whether the calling thread is running one of this executor's tasks now. */
    boolean inCallbackThread() {
        return running == Thread.currentThread();
    }

    private void drain() {
        running = Thread.currentThread();
        try {
            for (int ran = 0; ran < batch; ran++) {
                Runnable task;
                synchronized (tasks) {
                    task = tasks.poll();
                    if (task == null) {
                        scheduled = false;
                        return;
                    }
                }
                try {
                    task.run();
                } catch (Throwable t) {
                    log.warn("a client callback threw", t);
                }
            }
        } finally {
            running = null;
        }
        // batch used up with tasks left (scheduled is still true): give the thread back and continue later
        try {
            delegate.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (tasks) {
                tasks.clear();
                scheduled = false;
            }
            log.debug("callback executor refused to continue (shut down?)", e);
        }
    }
}
