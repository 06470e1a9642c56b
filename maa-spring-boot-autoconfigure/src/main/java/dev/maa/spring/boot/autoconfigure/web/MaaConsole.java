package dev.maa.spring.boot.autoconfigure.web;

import dev.maa.api.MaaConfigurationException;
import dev.maa.api.PrincipalProvider;
import dev.maa.spring.boot.autoconfigure.MaaProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code maa serve}'s web console, served by the application under {@code maa.web.base-path}
 * ({@code maa.web.console.enabled}): the same files (the list maa-server keeps in {@code assets.properties}), read from the maa-server jar on
 * the class path, with the
 * same Content Security Policy, calling the in-app API ({@link MaaApprovalApi}). So approvers use one console
 * whether they sign in to {@code maa serve} or to the application.
 *
 * <p>Signing in is the application's: its Spring Security configuration guards the base path, and the console's
 * {@code GET <base-path>/auth/session} reports the signed-in user and the CSRF token and header of Spring Security
 * (when it keeps one), which the console sends back on every change. The console's Sign out goes to the
 * application's sign-out page ({@code maa.web.console.sign-out-url}).
 */
@RestController
@RequestMapping("${maa.web.base-path:/maa}")
public class MaaConsole {

    /** maa-server's list of the console's files (name served = class-path resource), as {@code maa serve} reads it. */
    static final String ASSETS = "dev/maa/server/console/assets.properties";

    /** {@code maa serve}'s policy: no inline script, no third-party origin, no framing. */
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private static final boolean SPRING_SECURITY_WEB =
            ClassUtils.isPresent("org.springframework.security.web.csrf.CsrfToken", MaaConsole.class.getClassLoader());

    private final PrincipalProvider principals;
    private final String signOutUrl;
    private final Map<String, byte[]> files = new HashMap<>();

    /**
     * @throws MaaConfigurationException when the console's files are not on the class path, naming the dependency
     *                                   to add
     */
    public MaaConsole(MaaProperties properties, PrincipalProvider principals) {
        this.principals = principals;
        this.signOutUrl = properties.getWeb().getConsole().getSignOutUrl();
        String base = properties.getWeb().getBasePath();
        // the page names its files from the root (/console/...): here they are under the base path
        Properties assets = new Properties();
        try (InputStream in = new ByteArrayInputStream(read(ASSETS))) {
            assets.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : assets.stringPropertyNames()) {
            files.put(name, read(assets.getProperty(name)));
        }
        files.put(
                "index.html",
                new String(files.get("index.html"), StandardCharsets.UTF_8)
                        .replace("\"/console/", "\"" + base + "/console/")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/console")
    public ResponseEntity<Void> consoleRoot(HttpServletRequest request) {
        return ResponseEntity.status(302)
                .header("Location", request.getRequestURI() + "/")
                .build();
    }

    @GetMapping("/console/")
    public ResponseEntity<byte[]> page() {
        return asset(files.get("index.html"), "text/html");
    }

    @GetMapping("/console/{file}")
    public ResponseEntity<byte[]> file(@PathVariable String file) {
        byte[] bytes = files.get(file);
        if (bytes == null) {
            return ResponseEntity.notFound().build();
        }
        return asset(
                bytes, file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html");
    }

    /** Who is signed in to the application, and the CSRF token the console sends back (the console's session). */
    @GetMapping("/auth/session")
    public ResponseEntity<Map<String, Object>> session(HttpServletRequest request) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "app");
        var p = principals.currentPrincipal();
        m.put("signedIn", p.isPresent());
        p.ifPresent(principal -> m.put("id", principal.id()));
        if (p.isPresent() && SPRING_SECURITY_WEB) {
            Csrf.add(request, m);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(m);
    }

    /** The console's Sign out: the application ends its own session, at its sign-out page. */
    @PostMapping("/auth/logout")
    public ResponseEntity<Map<String, Object>> logout() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("redirect", signOutUrl));
    }

    private static ResponseEntity<byte[]> asset(byte[] bytes, String type) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.valueOf(type), StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", CSP)
                .header("X-Frame-Options", "DENY")
                .body(bytes);
    }

    private static byte[] read(String name) {
        try (InputStream in = MaaConsole.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new MaaConfigurationException("maa.web.console.enabled=true, but the console's file " + name
                        + " is not on the class path. Add the dependencies dev.maa:maa-server (the console) and"
                        + " org.webjars.npm:codemirror (its policy editor), or set maa.web.console.enabled=false.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Spring Security's CSRF token of this request, loaded only when spring-security-web is present. */
    private static final class Csrf {
        static void add(HttpServletRequest request, Map<String, Object> m) {
            if (request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName())
                    instanceof org.springframework.security.web.csrf.CsrfToken token) {
                m.put("csrfToken", token.getToken());
                m.put("csrfHeader", token.getHeaderName());
            }
        }
    }
}
