package dev.maa.spring.boot.autoconfigure.web;

import dev.maa.spring.boot.autoconfigure.MaaWebProperties;

/**
 * Where a parked request can be followed: {@code maa.web.request-url} with {@code {id}}, else the in-app API's
 * {@code <base-path>/api/v1/requests/<id>}. One place, so the {@code Location} header and the problem body agree.
 */
public final class RequestLinks {

    private final MaaWebProperties web;

    public RequestLinks(MaaWebProperties web) {
        this.web = web;
    }

    public String request(String id) {
        return web.requestUrl(id);
    }
}
