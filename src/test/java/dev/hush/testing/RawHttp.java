package dev.hush.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends hand-written HTTP/1.1 requests over a plain socket, for requests a normal client refuses
 * to make: oversized headers, broken URIs, bodies longer than their Content-Length promises.
 */
public final class RawHttp {
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private RawHttp() {
    }

    /** A parsed response: status, raw header block and body text. */
    public record Response(int status, String head, String body) {
        /** Returns the first value of the header, or null; the name is matched case-insensitively. */
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return line.substring(prefix.length()).trim();
                }
            }
            return null;
        }
    }

    /**
     * Writes {@code head} (request line and headers, without the blank line), then the body, and
     * reads the response until the server closes the connection. A write the server cuts off
     * early is ignored, so a response sent before the whole body was read still arrives.
     */
    public static Response exchange(int port, String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // The server responded and closed before reading everything, so read what it sent.
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                buffer.write(chunk, 0, read);
                if (complete(buffer.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException | SocketException e) {
            // Keep what arrived; the checks on the parsed response report what is missing.
        }
        return buffer.toByteArray();
    }

    /** Returns whether the text contains a whole response with a Content-Length body. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        Response partial = new Response(0, text.substring(0, end), "");
        String length = partial.header("Content-Length");
        return length != null && text.length() - end - 4 >= Integer.parseInt(length);
    }

    private static Response parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IllegalStateException("Not an HTTP/1.1 response: " + text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        Response response = new Response(status, text.substring(0, end), text.substring(end + 4));
        if ("chunked".equalsIgnoreCase(response.header("Transfer-Encoding"))) {
            return new Response(status, response.head(), dechunk(response.body()));
        }
        return response;
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int position = 0;
        while (position < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", position);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(position, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            position = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
