package dev.overton.generator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /runs} with the test key that announces an 11 MB body and sends none: the server answers 413 from the
 * {@code Content-Length} alone. (Sending the body through REST Assured ends in a broken pipe, because the server closes
 * the connection while it uploads.) Hence a raw socket, and the answer as the server wrote it.
 */
public final class OversizedRunPost {

    private OversizedRunPost() {}

    /** Sends the announcement to the service at {@code base} and returns its answer: status line, headers, body. */
    public static String answer(URL base) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /runs HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + RunPosts.KEY + "\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + (11 * 1024 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readAll(socket.getInputStream());
        }
    }

    /** Reads up to the end of the JSON body, or until the server has said all it will (it may keep the connection). */
    private static String readAll(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (answer.indexOf("}") >= 0) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // the answer is complete; the server keeps the connection
        }
        return answer.toString();
    }
}
