package dev.maa.spring.boot.autoconfigure.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The {@value MaaRequestHeaders#JUSTIFICATION} and {@value MaaRequestHeaders#URGENT} headers in a WebFlux
 * application: read as Spring MVC reads them ({@link MaaRequestHeaders.Asked}), refused with the same 400, and
 * handed to the request's protected calls through the Reactor context, since a reactive request has no one thread a
 * {@code Maa.justify} scope could live on. {@link MaaReactive#call} opens the scope on the thread that makes the
 * call.
 */
public class MaaReactiveRequestHeaders implements WebFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        MaaRequestHeaders.Asked asked;
        try {
            asked = MaaRequestHeaders.Asked.read(
                    exchange.getRequest().getHeaders().getFirst(MaaRequestHeaders.JUSTIFICATION),
                    exchange.getRequest().getHeaders().getFirst(MaaRequestHeaders.URGENT));
        } catch (IllegalArgumentException e) {
            return refuse(exchange, e.getMessage());
        }
        if (asked == null) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).contextWrite(ctx -> ctx.put(MaaRequestHeaders.Asked.class, asked));
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(
                    MaaRequestHeaders.problem(exchange.getRequest().getPath().value(), detail));
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
