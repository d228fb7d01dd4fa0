package io.parley.bench.load;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The content of a benchmark message, {@code {"bt":<send time, System.nanoTime>,"bf":<sender index>,"p":"…"}},
 * and its parsing. The receiver finds the stamp in the raw DELIVER bytes (CBOR carries the text verbatim), so
 * latency needs no decoding. Send and receive happen in the same load-generator process, so nano times compare.
 */
public final class ContentStamp {
    private static final byte[] MARKER = "{\"bt\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SENDER = ",\"bf\":".getBytes(StandardCharsets.US_ASCII);

    /** What a stamp says; {@code senderIndex} is -1 when there was no stamp. */
    public record Stamp(long sentNanos, int senderIndex) {
        public static final Stamp NONE = new Stamp(0, -1);

        public boolean present() {
            return senderIndex >= 0;
        }
    }

    private ContentStamp() {
    }

    /** The content for a message sent at {@code sentNanos} by connection {@code senderIndex}. */
    public static String content(long sentNanos, int senderIndex, String padding) {
        return "{\"bt\":" + sentNanos + ",\"bf\":" + senderIndex + ",\"p\":\"" + padding + "\"}";
    }

    /** Padding of {@code bytes} ASCII characters, to size the messages. */
    public static String padding(int bytes) {
        return "x".repeat(Math.max(0, bytes));
    }

    /** Finds a stamp in {@code buf} between {@code from} (inclusive) and {@code to} (exclusive). */
    public static Stamp find(ByteBuf buf, int from, int to) {
        int at = indexOf(buf, from, to, MARKER);
        if (at < 0) {
            return Stamp.NONE;
        }
        int p = at + MARKER.length;
        long sent = 0;
        int digits = 0;
        boolean negative = p < to && buf.getByte(p) == '-';
        if (negative) {
            p++;
        }
        for (; p < to && Character.isDigit(buf.getByte(p)); p++, digits++) {
            sent = sent * 10 + (buf.getByte(p) - '0');
        }
        if (digits == 0 || p + SENDER.length > to || indexOf(buf, p, p + SENDER.length, SENDER) != p) {
            return Stamp.NONE;
        }
        p += SENDER.length;
        int sender = 0;
        digits = 0;
        for (; p < to && Character.isDigit(buf.getByte(p)); p++, digits++) {
            sender = sender * 10 + (buf.getByte(p) - '0');
        }
        return digits == 0 ? Stamp.NONE : new Stamp(negative ? -sent : sent, sender);
    }

    /** Parses a stamp out of a content string (the SDK driver's path). */
    public static Stamp parse(String content) {
        if (content == null) {
            return Stamp.NONE;
        }
        byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
        return find(io.netty.buffer.Unpooled.wrappedBuffer(bytes), 0, bytes.length);
    }

    private static int indexOf(ByteBuf buf, int from, int to, byte[] needle) {
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
