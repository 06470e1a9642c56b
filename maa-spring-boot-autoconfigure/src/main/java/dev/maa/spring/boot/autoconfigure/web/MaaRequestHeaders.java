package dev.maa.spring.boot.autoconfigure.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.Maa;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the justification and urgency of the protected calls an HTTP request makes from its headers
 * ({@value #JUSTIFICATION}, {@value #URGENT}: {@code true} or {@code false}), as Intune's API takes
 * {@code x-msft-approval-justification}, and opens the {@link Maa#justify}/{@link Maa#urgent} scope around the
 * request. A scope the code opens itself still wins inside it. An urgent request without a justification, or an
 * {@value #URGENT} value other than true/false, is answered 400 before anything runs.
 */
public class MaaRequestHeaders extends OncePerRequestFilter {

    /** The header carrying the business justification, e.g. {@code CHG-1234 remove retired app}. */
    public static final String JUSTIFICATION = "Maa-Justification";

    /** The header flagging the calls urgent ({@code true}); urgent calls need a justification. */
    public static final String URGENT = "Maa-Urgent";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Asked asked;
        try {
            asked = Asked.read(request.getHeader(JUSTIFICATION), request.getHeader(URGENT));
        } catch (IllegalArgumentException e) {
            response.setStatus(400);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            JSON.writeValue(response.getOutputStream(), problem(request.getRequestURI(), e.getMessage()));
            return;
        }
        try (Maa.Scope scope = asked == null ? null : asked.open()) {
            chain.doFilter(request, response);
        }
    }

    /**
     * What the headers of one HTTP request ask for: a justification, urgent or not. One reading for Spring MVC and
     * WebFlux ({@link MaaReactiveRequestHeaders}), so both accept and refuse the same headers.
     */
    public record Asked(String justification, boolean urgent) {

        /**
         * The headers' request, or {@code null} when they ask for nothing.
         *
         * @throws IllegalArgumentException naming the header to fix: an {@value #URGENT} other than true/false, or
         *                                  urgent without a justification
         */
        static Asked read(String why, String urgentHeader) {
            boolean urgent = false;
            if (urgentHeader != null) {
                String v = urgentHeader.strip().toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException(URGENT + " must be true or false, was '" + urgentHeader + "'.");
                }
                urgent = v.equals("true");
            }
            boolean justified = why != null && !why.isBlank();
            if (urgent && !justified) {
                throw new IllegalArgumentException(
                        "An urgent call needs a justification: send " + JUSTIFICATION + " too.");
            }
            return justified ? new Asked(why.strip(), urgent) : null;
        }

        /** Opens the {@link Maa#justify} or {@link Maa#urgent} scope; the thread's own scope still wins inside. */
        public Maa.Scope open() {
            return urgent ? Maa.urgent(justification) : Maa.justify(justification);
        }
    }

    /** The 400 answer to headers {@link Asked#read} refused, in the shape of the other problems. */
    static Map<String, Object> problem(String instance, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "https://maa.dev/problems/invalid-header");
        p.put("title", "Fix the " + URGENT + " and " + JUSTIFICATION + " headers and send the request again");
        p.put("status", 400);
        p.put("kind", "INVALID_INPUT");
        p.put("detail", detail);
        p.put("instance", instance);
        return p;
    }
}
