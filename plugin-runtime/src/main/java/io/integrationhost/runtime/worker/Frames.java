package io.integrationhost.runtime.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhost.runtime.json.Json;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The framing of the channel between the host and a plugin worker: each message is one JSON object, sent as its
 * length in bytes (four bytes, big-endian) followed by that many bytes of UTF-8. A frame larger than
 * {@link #MAX_FRAME_BYTES} ends the channel, on either side.
 *
 * <p>Every message has a {@code type}; those about one call carry its {@code id}. The protocol's version is
 * {@link #PROTOCOL}: the worker's first message ({@code hello}) states it, and the host refuses a worker that speaks
 * another.
 */
public final class Frames {

    /** The protocol version both sides speak. */
    public static final int PROTOCOL = 1;
    /** The largest frame either side reads: an action's input or result beyond it is refused, not read. */
    public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper MAPPER = Json.mapper();

    private Frames() {
    }

    /** A new message of {@code type}. */
    public static ObjectNode message(String type) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", type);
        return node;
    }

    /** Writes one frame; callers serialise writes to one stream. */
    public static void write(OutputStream out, JsonNode message) throws IOException {
        byte[] body = MAPPER.writeValueAsBytes(message);
        if (body.length > MAX_FRAME_BYTES) {
            throw new FrameTooLarge(body.length);
        }
        byte[] frame = new byte[4 + body.length];
        frame[0] = (byte) (body.length >>> 24);
        frame[1] = (byte) (body.length >>> 16);
        frame[2] = (byte) (body.length >>> 8);
        frame[3] = (byte) body.length;
        System.arraycopy(body, 0, frame, 4, body.length);
        out.write(frame);
        out.flush();
    }

    /**
     * Reads one frame.
     *
     * @return the message, or {@code null} at the end of the stream between frames
     * @throws IOException when the stream ends inside a frame, or the frame is too large or no JSON object
     */
    public static JsonNode read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new IOException("A frame of " + length + " bytes is beyond the protocol's limit");
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new EOFException("The stream ended inside a frame");
        }
        JsonNode message = MAPPER.readTree(body);
        if (message == null || !message.isObject() || !message.path("type").isTextual()) {
            throw new IOException("A frame that is no message");
        }
        return message;
    }

    /** A stream of frames over {@code in}. */
    public static DataInputStream reader(InputStream in) {
        return new DataInputStream(new java.io.BufferedInputStream(in, 64 * 1024));
    }

    /** A message too large to send: the call it belongs to fails, the channel stays. */
    public static final class FrameTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        FrameTooLarge(int bytes) {
            super("A message of " + bytes + " bytes is beyond the protocol's limit of " + MAX_FRAME_BYTES);
        }
    }
}
