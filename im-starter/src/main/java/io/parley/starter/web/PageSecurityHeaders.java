package io.parley.starter.web;

import io.parley.kernel.http.HttpAnswer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The headers of the chat page and the console, and of every file served with them: a Content-Security-Policy
 * that lets a page load scripts, styles and images and open connections to its own origin only, and never be
 * framed; {@code X-Frame-Options} for browsers that know no {@code frame-ancestors}; and no {@code Referer} sent
 * anywhere. The chat page shows images of its own uploads through {@code blob:} URLs; an image or file on another
 * origin is offered as a plain link, never loaded, so {@code img-src} names no other origin.
 */
final class PageSecurityHeaders {
    /** A {@code Host} header a policy may name: a host name or IPv4 address, or a bracketed IPv6 one, and a port. */
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

    private PageSecurityHeaders() {
    }

    /**
     * For the chat page: its WebSocket goes to the host it was loaded from. CSP 3 browsers count {@code ws:} and
     * {@code wss:} to that host as {@code 'self'}; older ones need them named, from the request's {@code Host}.
     */
    static HttpAnswer chatPage(HttpAnswer answer, Optional<String> host) {
        String webSocket = host.filter(name -> HOST.matcher(name).matches())
                .map(name -> " ws://" + name + " wss://" + name).orElse("");
        return withHeaders(answer, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
                + "connect-src 'self'" + webSocket + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    }

    /** For the console: it only reads its own files and {@code /console/api/*}, and posts its actions there. */
    static HttpAnswer console(HttpAnswer answer) {
        return withHeaders(answer, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }

    private static HttpAnswer withHeaders(HttpAnswer answer, String policy) {
        return answer.withHeader("Content-Security-Policy", policy)
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("Referrer-Policy", "no-referrer");
    }
}
