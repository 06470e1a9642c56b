package dev.maa.server.internal.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.maa.api.MaaException;
import dev.maa.api.StoreUnavailableException;
import dev.maa.core.ErrorStatus;
import dev.maa.server.internal.Json;
import dev.maa.server.internal.Routes;
import dev.maa.store.jdbc.JdbcScimStore;
import dev.maa.store.jdbc.ScimConflictException;
import dev.maa.store.jdbc.ScimGroup;
import dev.maa.store.jdbc.ScimPage;
import dev.maa.store.jdbc.ScimUser;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SCIM 2.0 provisioning (RFC 7644) at {@code /scim/v2}: {@code Users} and {@code Groups} (create, read, list with
 * {@code filter}, {@code startIndex} and {@code count}, replace, patch, delete; ETags with {@code If-Match}), and the
 * discovery documents ({@link ScimDiscovery}). Writes go to the {@link JdbcScimStore}, durable and audited there.
 *
 * <p>Callers present the SCIM token, compared in constant time (the digests of both, so not even the length
 * leaks); administrators' tokens are not accepted here, nor the SCIM token anywhere else. Every refusal, a missing
 * token included, is a SCIM error body ({@link ScimError}).
 */
public final class ScimRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ScimRoutes.class);
    private static final String BASE = "/scim/v2";
    private static final Set<String> LIST_QUERY =
            Set.of("filter", "startIndex", "count", "attributes", "excludedAttributes");
    private static final Set<String> ONE_QUERY = Set.of("attributes", "excludedAttributes");
    private static final int DEFAULT_COUNT = 100;

    private final JdbcScimStore store;
    private final byte[] tokenDigest;

    public ScimRoutes(JdbcScimStore store, String token) {
        this.store = store;
        this.tokenDigest = sha256(token);
    }

    public void register(Routes routes) {
        for (Kind<?> kind : List.of(users(), groups())) {
            String path = BASE + "/" + kind.name + "s";
            routes.ownToken(HandlerType.GET, path, ctx -> handle(ctx, LIST_QUERY, () -> list(ctx, kind)));
            routes.ownToken(HandlerType.POST, path, ctx -> handle(ctx, ONE_QUERY, () -> create(ctx, kind)));
            routes.ownToken(HandlerType.GET, path + "/{id}", ctx -> handle(ctx, ONE_QUERY, () -> get(ctx, kind)));
            routes.ownToken(HandlerType.PUT, path + "/{id}", ctx -> handle(ctx, ONE_QUERY, () -> replace(ctx, kind)));
            routes.ownToken(HandlerType.PATCH, path + "/{id}", ctx -> handle(ctx, ONE_QUERY, () -> patch(ctx, kind)));
            routes.ownToken(HandlerType.DELETE, path + "/{id}", ctx -> handle(ctx, Set.of(), () -> delete(ctx, kind)));
        }
        ScimDiscovery discovery = new ScimDiscovery();
        for (String doc : ScimDiscovery.DOCUMENTS) {
            routes.ownToken(
                    HandlerType.GET,
                    BASE + "/" + doc,
                    ctx -> handle(ctx, Set.of(), () -> send(ctx, 200, discovery.document(doc, base(ctx)))));
        }
        for (String doc : List.of("ResourceTypes", "Schemas")) {
            routes.ownToken(
                    HandlerType.GET,
                    BASE + "/" + doc + "/{id}",
                    ctx -> handle(
                            ctx, Set.of(), () -> send(ctx, 200, discovery.entry(doc, ctx.pathParam("id"), base(ctx)))));
        }
    }

    /** What differs between users and groups; the handlers are the same. */
    private record Kind<T>(
            String name,
            String filterAttribute,
            Function<String, Optional<T>> find,
            ListPage<T> list,
            Function<T, T> create,
            Updater<T> update,
            Deleter<T> delete,
            Function<T, ObjectNode> document,
            Converter<T> fromDocument,
            Renderer<T> render,
            Function<T, Long> version,
            String schema) {}

    private interface ListPage<T> {
        ScimPage<T> page(String filterValue, long offset, int limit);
    }

    private interface Updater<T> {
        Optional<T> update(String id, UnaryOperator<T> change);
    }

    private interface Deleter<T> {
        Optional<T> delete(String id, Consumer<T> precondition);
    }

    private interface Converter<T> {
        T convert(ObjectNode doc, T current);
    }

    private interface Renderer<T> {
        ObjectNode render(T resource, String base);
    }

    private Kind<ScimUser> users() {
        return new Kind<>(
                "User",
                "userName",
                store::user,
                store::users,
                store::createUser,
                store::updateUser,
                store::deleteUser,
                ScimJson::document,
                ScimJson::user,
                ScimJson::render,
                ScimUser::version,
                ScimJson.USER);
    }

    private Kind<ScimGroup> groups() {
        return new Kind<>(
                "Group",
                "displayName",
                store::group,
                store::groups,
                store::createGroup,
                store::updateGroup,
                store::deleteGroup,
                ScimJson::document,
                ScimJson::group,
                ScimJson::render,
                ScimGroup::version,
                ScimJson.GROUP);
    }

    private <T> void list(Context ctx, Kind<T> kind) {
        String filter = ctx.queryParam("filter");
        String value = filter == null ? null : ScimPath.filterValue(filter, kind.schema(), kind.filterAttribute());
        long startIndex = Math.max(1, integer(ctx, "startIndex", 1));
        int count = (int) Math.min(ScimDiscovery.MAX_RESULTS, Math.max(0, integer(ctx, "count", DEFAULT_COUNT)));
        ScimPage<T> page = kind.list().page(value, startIndex - 1, count);
        List<ObjectNode> resources = new ArrayList<>();
        for (T r : page.resources()) {
            resources.add(projected(ctx, kind.render().render(r, base(ctx))));
        }
        ObjectNode out = ScimJson.listResponse(page.total(), startIndex, resources);
        send(ctx, 200, out);
    }

    private <T> void create(Context ctx, Kind<T> kind) {
        T created = kind.create().apply(kind.fromDocument().convert(ScimJson.body(ctx), null));
        ObjectNode out = kind.render().render(created, base(ctx));
        ctx.header("Location", out.path("meta").path("location").asText());
        respond(ctx, 201, out, kind.version().apply(created));
    }

    private <T> void get(Context ctx, Kind<T> kind) {
        T found = kind.find().apply(ctx.pathParam("id")).orElseThrow(() -> notFound(ctx, kind));
        String etag = ScimJson.etag(kind.version().apply(found));
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.header("ETag", etag).status(304);
            return;
        }
        respond(ctx, 200, kind.render().render(found, base(ctx)), kind.version().apply(found));
    }

    private <T> void replace(Context ctx, Kind<T> kind) {
        ObjectNode body = ScimJson.body(ctx);
        update(ctx, kind, current -> kind.fromDocument().convert(body, current));
    }

    private <T> void patch(Context ctx, Kind<T> kind) {
        ObjectNode body = ScimJson.body(ctx);
        update(ctx, kind, current -> {
            ObjectNode doc = kind.document().apply(current);
            ScimPatch.apply(doc, body, kind.schema());
            return kind.fromDocument().convert(doc, current);
        });
    }

    private <T> void update(Context ctx, Kind<T> kind, UnaryOperator<T> change) {
        T updated = kind.update()
                .update(ctx.pathParam("id"), current -> {
                    requireMatch(ctx, kind.version().apply(current));
                    return change.apply(current);
                })
                .orElseThrow(() -> notFound(ctx, kind));
        respond(
                ctx,
                200,
                kind.render().render(updated, base(ctx)),
                kind.version().apply(updated));
    }

    private <T> void delete(Context ctx, Kind<T> kind) {
        kind.delete()
                .delete(
                        ctx.pathParam("id"),
                        current -> requireMatch(ctx, kind.version().apply(current)))
                .orElseThrow(() -> notFound(ctx, kind));
        ctx.status(204);
    }

    /** Refuses the write when {@code If-Match} names other versions than {@code version} (412). */
    private static void requireMatch(Context ctx, long version) {
        String ifMatch = ctx.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String etag = ScimJson.etag(version);
        boolean match = Arrays.stream(ifMatch.split(","))
                .map(String::trim)
                .anyMatch(t -> t.equals("*") || t.equals(etag) || t.equals(etag.substring(2)));
        if (!match) {
            throw ScimError.preconditionFailed(etag);
        }
    }

    private static <T> ScimError notFound(Context ctx, Kind<T> kind) {
        return ScimError.notFound(kind.name(), ctx.pathParam("id"));
    }

    private void respond(Context ctx, int status, ObjectNode resource, long version) {
        ctx.header("ETag", ScimJson.etag(version));
        send(ctx, status, projected(ctx, resource));
    }

    private static ObjectNode projected(Context ctx, ObjectNode resource) {
        return ScimJson.project(resource, names(ctx, "attributes"), names(ctx, "excludedAttributes"));
    }

    private static List<String> names(Context ctx, String param) {
        String v = ctx.queryParam(param);
        return v == null || v.isBlank()
                ? List.of()
                : Arrays.stream(v.split(",")).map(String::trim).toList();
    }

    private static void send(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType(ScimJson.CONTENT_TYPE).result(Json.write(body));
    }

    private static long integer(Context ctx, String param, long fallback) {
        String v = ctx.queryParam(param);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ScimError.invalidValue("'" + param + "' must be an integer, was '" + ScimError.shown(v) + "'.");
        }
    }

    /** The base URL of the SCIM endpoints as the client reached them, for {@code meta.location}. */
    private static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host() + BASE;
    }

    private interface Handler {
        void run() throws Exception;
    }

    /** Authenticates, checks the query, runs {@code handler}; renders every refusal as a SCIM error. */
    private void handle(Context ctx, Set<String> query, Handler handler) {
        ctx.header("Cache-Control", "no-store");
        try {
            authenticate(ctx);
            checkQuery(ctx, query);
            handler.run();
        } catch (ScimError e) {
            e.render(ctx);
        } catch (ScimConflictException e) {
            (e.reason() == ScimConflictException.Reason.UNIQUENESS
                            ? ScimError.uniqueness(e.getMessage())
                            : ScimError.invalidValue(e.getMessage()))
                    .render(ctx);
        } catch (StoreUnavailableException e) {
            String incident = incident(e);
            ScimError.of(
                            503,
                            "The directory store is unavailable; nothing was changed. Retry later (incident " + incident
                                    + ").")
                    .render(ctx);
        } catch (MaaException e) {
            int status = ErrorStatus.of(e.kind());
            boolean caller = e.kind().responsible() == MaaException.Responsible.CALLER;
            ScimError.of(
                            status,
                            caller
                                    ? e.getMessage()
                                    : "The server refused the operation (incident " + incident(e) + ").")
                    .render(ctx);
        } catch (HttpResponseException e) {
            int status = e.getStatus() >= 500 ? 500 : e.getStatus();
            ScimError.of(
                            status,
                            status == 413
                                    ? "The body is too large; send at most " + ScimJson.MAX_BODY
                                            + " bytes (split large member changes)."
                                    : ScimError.shown(e.getMessage()))
                    .render(ctx);
        } catch (Exception e) {
            ScimError.of(500, "Unexpected server error (incident " + incident(e) + "); nothing was acknowledged.")
                    .render(ctx);
        }
    }

    private void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ScimError.unauthorized("Send the SCIM token: 'Authorization: Bearer <token>' (the secret named by"
                    + " scim.token_env; administrators' tokens are not accepted here).");
        }
        if (!MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).trim()))) {
            throw ScimError.unauthorized("The bearer token is not this server's SCIM token. Copy the secret named by"
                    + " scim.token_env into the provisioning app's secret token.");
        }
    }

    private static void checkQuery(Context ctx, Set<String> accepted) {
        for (var e : ctx.queryParamMap().entrySet()) {
            if (!accepted.contains(e.getKey())) {
                throw ScimError.invalidValue("Unknown query parameter '" + ScimError.shown(e.getKey()) + "'; "
                        + (accepted.isEmpty()
                                ? "this endpoint takes none."
                                : "this endpoint accepts " + accepted + "."));
            }
            if (e.getValue().size() > 1) {
                throw ScimError.invalidValue("The query parameter '" + e.getKey() + "' is given more than once.");
            }
        }
    }

    private static String incident(Exception e) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("SCIM incident {}: {}", id, e.toString(), e);
        return id;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
