package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer under inputs a plain client never sends: several requests on one keep-alive connection (raw
 * socket, so nothing between the test and Jetty normalises headers), and a request path Jetty itself refuses.
 */
class HttpHardeningTest {

    private static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    /** One HTTP/1.1 connection; requests are written and their responses read one after the other. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection() throws IOException {
            socket = new Socket("127.0.0.1", t.server.port());
            socket.setSoTimeout(20_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** Sends {@code GET path} with the raw {@code Authorization} value and returns "status body". */
        String get(String path, String authorization) throws IOException {
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readResponse();
        }

        private String readResponse() throws IOException {
            String head = readHead();
            int status = Integer.parseInt(head.substring(9, 12));
            int length = 0;
            boolean chunked = false;
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            String body = chunked ? readChunked() : new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return status + " " + body;
        }

        private String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("The server closed the connection after: " + head);
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        private String readChunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = readLine();
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    readLine();
                    return body.toString(StandardCharsets.UTF_8);
                }
                body.write(in.readNBytes(n));
                readLine();
            }
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String swapCase(String token) {
        StringBuilder s = new StringBuilder(token.length());
        for (char c : token.toCharArray()) {
            s.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return s.toString();
    }

    @Test
    void authorization_caseVariantOnKeepAliveConnection_isRefused_andRealTokenStillWorks() throws IOException {
        String token = t.tokenFor("bob");
        String variant = swapCase(token);
        assertThat(variant).isNotEqualTo(token).isEqualToIgnoringCase(token);
        try (Connection c = new Connection()) {
            assertThat(c.get("/api/v1/me", "Bearer " + token))
                    .startsWith("200 ")
                    .contains("\"id\":\"bob\"");
            assertThat(c.get("/api/v1/me", "Bearer " + variant))
                    .startsWith("401 ")
                    .doesNotContain("\"id\":\"bob\"");
            assertThat(c.get("/api/v1/me", "bearer " + variant)).startsWith("401 ");
            assertThat(c.get("/api/v1/me", "Bearer " + token))
                    .startsWith("200 ")
                    .contains("\"id\":\"bob\"");
            // the scheme name is case-insensitive (RFC 9110), the token is not
            assertThat(c.get("/api/v1/me", "BEARER " + token))
                    .startsWith("200 ")
                    .contains("\"id\":\"bob\"");
        }
    }

    @Test
    void authorization_variantFirstOnKeepAliveConnection_isRefused_thenRealTokenWorks() throws IOException {
        String token = t.tokenFor("carol");
        try (Connection c = new Connection()) {
            assertThat(c.get("/api/v1/me", "Bearer " + swapCase(token))).startsWith("401 ");
            assertThat(c.get("/api/v1/me", "Bearer " + token))
                    .startsWith("200 ")
                    .contains("\"id\":\"carol\"");
            assertThat(c.get("/api/v1/me", "Bearer " + swapCase(token))).startsWith("401 ");
        }
    }

    @Test
    void dotSegmentAndEncodedSlashPaths_areProblemJson() throws IOException {
        for (String path : new String[] {
            "/api/v1/requests/./complete",
            "/api/v1/requests/..%2F..%2Fetc%2Fpasswd/complete",
            "/api/v1/requests/%2e%2e/complete",
            "/api/v1/requests/a%00b/approve",
            "/api/v1/requests/a%5Cb/approve",
            "/api/v1/requests/a%25b/approve",
            "/api/v1/requests/%2e%2e%2F%2e%2e/cancel"
        }) {
            try (Connection c = new Connection()) {
                String res = c.get(path, "Bearer " + t.tokenFor("alice"));
                assertThat(res).as(path).matches("(?s)(400|404|405) .*").contains("\"title\"");
            }
            // with a body too, twice on the client's pooled connection: the refusal must reach the client, and a
            // connection the server closes must be announced, or the client's next request fails with no response
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> posted = t.post(path, t.tokenFor("alice"), "{}");
                assertThat(posted.statusCode()).as(path).isIn(400, 404, 405);
                assertThat(posted.body()).as(path).contains("\"title\"");
            }
        }
    }
}
