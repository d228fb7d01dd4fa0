package io.parley.bench.load;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads just enough CBOR to pick a number out of a frame body without decoding it into objects: the lean
 * driver's way of reading SEND_ACK's {@code code} and {@code seq}. Works on absolute indices of a
 * {@link ByteBuf} and never moves its reader index. Handles definite and indefinite maps, arrays and strings.
 */
public final class CborScanner {
    private static final int BREAK = 0xff;

    private CborScanner() {
    }

    /**
     * The integer value of {@code key} in the map that starts at {@code pos}, or {@code missing} when the key
     * is absent or its value is not an integer (a boolean reads as 0 or 1).
     */
    public static long findLong(ByteBuf buf, int pos, String key, long missing) {
        byte[] wanted = key.getBytes(StandardCharsets.US_ASCII);
        int initial = buf.getUnsignedByte(pos);
        if (initial >>> 5 != 5) {
            return missing;
        }
        boolean indefinite = (initial & 0x1f) == 31;
        long pairs = indefinite ? Long.MAX_VALUE : argument(buf, pos);
        int p = indefinite ? pos + 1 : pos + headerLength(buf, pos);
        for (long i = 0; i < pairs; i++) {
            if (indefinite && buf.getUnsignedByte(p) == BREAK) {
                return missing;
            }
            boolean match = keyEquals(buf, p, wanted);
            p = skip(buf, p);
            if (match) {
                return longValue(buf, p, missing);
            }
            p = skip(buf, p);
        }
        return missing;
    }

    private static boolean keyEquals(ByteBuf buf, int pos, byte[] wanted) {
        int initial = buf.getUnsignedByte(pos);
        if (initial >>> 5 != 3 || (initial & 0x1f) == 31 || argument(buf, pos) != wanted.length) {
            return false;
        }
        int start = pos + headerLength(buf, pos);
        for (int i = 0; i < wanted.length; i++) {
            if (buf.getByte(start + i) != wanted[i]) {
                return false;
            }
        }
        return true;
    }

    private static long longValue(ByteBuf buf, int pos, long missing) {
        int initial = buf.getUnsignedByte(pos);
        return switch (initial >>> 5) {
            case 0 -> argument(buf, pos);
            case 1 -> -1 - argument(buf, pos);
            case 7 -> initial == 0xf5 ? 1 : initial == 0xf4 ? 0 : missing;
            default -> missing;
        };
    }

    /** The position just after the item that starts at {@code pos}. */
    public static int skip(ByteBuf buf, int pos) {
        int initial = buf.getUnsignedByte(pos);
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (info == 31) {
            int p = pos + 1;
            if (major == 7) {
                return p;
            }
            while (buf.getUnsignedByte(p) != BREAK) {
                p = skip(buf, p);
                if (major == 5) {
                    p = skip(buf, p);
                }
            }
            return p + 1;
        }
        int p = pos + headerLength(buf, pos);
        long n = argument(buf, pos);
        switch (major) {
            case 2, 3 -> p += (int) n;
            case 4 -> {
                for (long i = 0; i < n; i++) {
                    p = skip(buf, p);
                }
            }
            case 5 -> {
                for (long i = 0; i < 2 * n; i++) {
                    p = skip(buf, p);
                }
            }
            case 6 -> p = skip(buf, p);
            default -> {
                // integers and simple values: the header is the whole item
            }
        }
        return p;
    }

    private static int headerLength(ByteBuf buf, int pos) {
        int info = buf.getUnsignedByte(pos) & 0x1f;
        return switch (info) {
            case 24 -> 2;
            case 25 -> 3;
            case 26 -> 5;
            case 27 -> 9;
            default -> 1;
        };
    }

    private static long argument(ByteBuf buf, int pos) {
        int info = buf.getUnsignedByte(pos) & 0x1f;
        return switch (info) {
            case 24 -> buf.getUnsignedByte(pos + 1);
            case 25 -> buf.getUnsignedShort(pos + 1);
            case 26 -> buf.getUnsignedInt(pos + 1);
            case 27 -> buf.getLong(pos + 1);
            default -> info;
        };
    }
}
