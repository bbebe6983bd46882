package io.integrationhost.runtime.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhost.runtime.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The framing of the channel between the host and a plugin worker. Each frame is a header of twelve bytes, the
 * length of its body (four bytes, big-endian) and the id of the call it belongs to (eight bytes, big-endian; 0 for a
 * message about no one call), followed by the body: one JSON object in UTF-8. A frame whose body is larger than
 * {@link #MAX_FRAME_BYTES} ends the channel, on either side.
 *
 * <p>The id stands in the header so that the side that reads the channel can hand a frame to the thread that waits
 * for it without reading its JSON: that thread parses it, and the one reader of each side only moves bytes.
 *
 * <p>Every message has a {@code type}. The protocol's version is {@link #PROTOCOL}: the worker's first message
 * ({@code hello}) states it, and the host refuses a worker that speaks another.
 */
public final class Frames {

    /** The protocol version both sides speak. */
    public static final int PROTOCOL = 2;
    /** The largest frame body either side reads: an action's input or result beyond it is refused, not read. */
    public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;
    private static final int HEADER_BYTES = 12;

    private static final ObjectMapper MAPPER = Json.mapper();

    private Frames() {
    }

    /** A new message of {@code type}. */
    public static ObjectNode message(String type) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", type);
        return node;
    }

    /**
     * One frame, header and body, ready to be written at once: callers encode outside the lock that serialises writes
     * to a stream, and hold it only for the write.
     *
     * @throws FrameTooLarge when the message is beyond the protocol's limit
     */
    public static Encoded encode(long id, JsonNode message) throws IOException {
        Encoded frame = new Encoded();
        frame.write(new byte[HEADER_BYTES]);
        MAPPER.writeValue(frame, message);
        frame.header(id);
        return frame;
    }

    /**
     * Reads one frame, without parsing its body.
     *
     * @return the frame, or {@code null} at the end of the stream between frames
     * @throws IOException when the stream ends inside a frame, or the frame is too large
     */
    public static Frame read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new IOException("A frame of " + length + " bytes is beyond the protocol's limit");
        }
        long id = in.readLong();
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new EOFException("The stream ended inside a frame");
        }
        return new Frame(id, body);
    }

    /** A stream of frames over {@code in}. */
    public static DataInputStream reader(InputStream in) {
        return new DataInputStream(new java.io.BufferedInputStream(in, 64 * 1024));
    }

    /** A frame as read: the call it belongs to, and its body, parsed by whoever takes it. */
    public record Frame(long id, byte[] body) {

        /**
         * The body's message.
         *
         * @throws IOException when it is no JSON object with a {@code type}
         */
        public JsonNode message() throws IOException {
            JsonNode message = MAPPER.readTree(body);
            if (message == null || !message.isObject() || !message.path("type").isTextual()) {
                throw new IOException("A frame that is no message");
            }
            return message;
        }
    }

    /** An encoded frame: its bytes, header first, written from the buffer Jackson wrote them to. */
    public static final class Encoded extends ByteArrayOutputStream {

        private Encoded() {
            super(512);
        }

        private void header(long id) throws FrameTooLarge {
            int length = count - HEADER_BYTES;
            if (length > MAX_FRAME_BYTES) {
                throw new FrameTooLarge(length);
            }
            for (int i = 0; i < 4; i++) {
                buf[i] = (byte) (length >>> (24 - 8 * i));
            }
            for (int i = 0; i < 8; i++) {
                buf[4 + i] = (byte) (id >>> (56 - 8 * i));
            }
        }

        /** Writes the frame and flushes; callers serialise writes to one stream. */
        public void send(OutputStream out) throws IOException {
            out.write(buf, 0, count);
            out.flush();
        }
    }

    /** A message too large to send: the call it belongs to fails, the channel stays. */
    public static final class FrameTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        FrameTooLarge(int bytes) {
            super("A message of " + bytes + " bytes is beyond the protocol's limit of " + MAX_FRAME_BYTES);
        }
    }
}
