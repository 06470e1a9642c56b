package dev.maa.server.internal;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors Jetty produces before a request reaches Javalin (an undecodable URI, oversized headers) are problem+json
 * too, instead of Jetty's HTML page; no server details are included.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    public ProblemErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
        setShowOrigin(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(code, "/").getBytes(StandardCharsets.UTF_8)), callback);
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
        p.put("detail", status == 400 ? "The request line, path or headers could not be decoded (use UTF-8 and"
                + " percent-encoding)." : "");
        p.put("instance", instance);
        return Json.write(p);
    }
}
