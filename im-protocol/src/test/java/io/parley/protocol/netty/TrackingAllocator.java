package io.parley.protocol.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands out buffers as a server channel does (direct, leak-aware: under {@code ResourceLeakDetector} PARANOID
 * every one is tracked), and remembers each one, so that a test can check that every buffer it allocated, for
 * reads or for a decoder's cumulation, has been released. Not pooled: a pooled buffer object is reused after its
 * release, so its reference count would no longer tell whether the earlier allocation was released.
 */
final class TrackingAllocator extends AbstractByteBufAllocator {
    private final UnpooledByteBufAllocator delegate = new UnpooledByteBufAllocator(true);
    private final List<ByteBuf> allocated = new ArrayList<>();

    TrackingAllocator() {
        super(true);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return remember(delegate.heapBuffer(initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return remember(delegate.directBuffer(initialCapacity, maxCapacity));
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    /** Checks that every buffer handed out since the last call has been released, and forgets them. */
    void assertAllReleased() {
        List<ByteBuf> leaked = allocated.stream().filter(buffer -> buffer.refCnt() != 0).toList();
        allocated.clear();
        leaked.forEach(buffer -> buffer.release(buffer.refCnt()));
        assertThat(leaked).as("buffers never released").isEmpty();
    }

    private ByteBuf remember(ByteBuf buffer) {
        allocated.add(buffer);
        return buffer;
    }
}
