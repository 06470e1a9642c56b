package dev.maa.server.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty produces before a request reaches Javalin (an undecodable URI, oversized headers) are problem+json
 * too, instead of Jetty's HTML page; no server details are included.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    /** Bodies up to this many bytes are read before an error response; larger ones are left to the close. */
    private static final long MAX_DRAINED = 64 * 1024;

    public ProblemErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
        setShowOrigin(false);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        // Jetty closes the connection after refusing a request here (e.g. an ambiguous path) without saying so; a
        // client that reused it would see its next request fail with no response at all
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        ByteBuffer body = ByteBuffer.wrap(body(code, "/").getBytes(StandardCharsets.UTF_8));
        long length = request.getLength();
        if (length > 0 && length <= MAX_DRAINED) {
            // read (and drop) a small body first: closing the connection with it unread makes the kernel reset the
            // connection, and the client then loses this response (refused request path with a POST body)
            Content.Source.consumeAll(
                    request,
                    Callback.from(
                            () -> response.write(true, body, callback),
                            failure -> response.write(true, body, callback)));
        } else {
            response.write(true, body, callback);
        }
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, "").getBytes(StandardCharsets.UTF_8));
    }

    private static String body(int status, String instance) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "https://maa.dev/problems/http-" + status);
        p.put("title", Problems.titleFor(status));
        p.put("status", status);
        p.put(
                "detail",
                status == 400
                        ? "The request line, path or headers could not be decoded (use UTF-8 and"
                                + " percent-encoding)."
                        : "");
        p.put("instance", instance);
        return Json.write(p);
    }
}
