package io.parley.starter.e2e;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parley.protocol.Command;
import io.parley.protocol.Frame;
import io.parley.protocol.FrameCodec;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;

/** A blocking protocol connection over a plain socket, for tests that need to send exactly the bytes they choose. */
public final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public RawConnection(int port) throws IOException {
        this(port, "127.0.0.1", 0);
    }

    /**
     * A connection from {@code localAddress} (any of 127.0.0.0/8 on Linux, to act as another client address), with
     * a receive buffer of {@code receiveBufferBytes} (0: the system's default), to act as a client that reads little.
     */
    public RawConnection(int port, String localAddress, int receiveBufferBytes) throws IOException {
        socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.bind(new java.net.InetSocketAddress(localAddress, 0));
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public void send(Frame frame) throws IOException {
        ByteBuf buffer = Unpooled.buffer();
        FrameCodec.encode(frame, buffer);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        sendBytes(bytes);
    }

    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public Frame read() throws IOException {
        int length = in.readInt();
        byte[] rest = new byte[length];
        in.readFully(rest);
        return FrameCodec.decodeAfterLength(Unpooled.wrappedBuffer(rest), length);
    }

    /** Reads frames until one of {@code command} arrives. */
    public Frame readUntil(Command command) throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.command() == command) {
                return frame;
            }
        }
    }

    /** True once the server has closed the connection (EOF), reading and discarding anything before it. */
    public boolean closedByServer() throws IOException {
        try {
            while (true) {
                read();
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    public Optional<Frame> tryRead() throws IOException {
        try {
            return Optional.of(read());
        } catch (EOFException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
