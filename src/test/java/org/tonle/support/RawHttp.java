package org.tonle.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP over a bare socket, for requests no HTTP client would send (a broken request line, huge
 * headers). Reads until the server closes the connection.
 */
public final class RawHttp {

    /** What came back: the status, headers with lower-case names, the body, and whether the server closed. */
    public record Response(int status, Map<String, String> headers, String body, boolean closed) {}

    private RawHttp() {
    }

    public static Response send(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(readUntilClosed(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Read readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
            return new Read(out.toString(StandardCharsets.UTF_8), true);
        } catch (SocketTimeoutException e) {
            return new Read(out.toString(StandardCharsets.UTF_8), false);
        }
    }

    private record Read(String text, boolean closed) {}

    private static Response parse(Read read) {
        int end = read.text().indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no HTTP response, got: " + read.text());
        }
        String[] lines = read.text().substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, read.text().substring(end + 4), read.closed());
    }
}
