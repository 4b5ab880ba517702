package dev.vigil.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One short {@code GET /}: what the service answers, or null if it does not (within the timeout). */
public final class HttpProbe {
    private HttpProbe() {
    }

    public static String get(String ip, int port, int timeoutMs) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            s.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + ip + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] body = in.readNBytes(4096);
            String text = new String(body, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.") || !text.contains(" 200 ") || end < 0) {
                return null;
            }
            return text.substring(end + 4).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
