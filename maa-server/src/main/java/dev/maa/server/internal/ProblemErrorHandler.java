package dev.maa.server.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
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
        setShowServlet(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(Problems.CONTENT_TYPE);
        response.getOutputStream().write(body(code, "/").getBytes(StandardCharsets.UTF_8));
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
