package dev.maa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.AuditEntry;
import dev.maa.api.Principal;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.server.internal.Json;
import dev.maa.store.jdbc.JdbcRequestStore;
import dev.maa.store.jdbc.JdbcScimStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SCIM 2.0 provisioning over real HTTP into the request store's database: the request sequences Entra ID and Okta
 * send, each response checked against RFC 7643's schemas (schemas arrays, required attributes, meta), ETags, refused
 * filters and tokens, canonical uniqueness, and the directory the provisioned users make, checked at review time.
 * Subclasses run it on the H2 file and on PostgreSQL.
 */
abstract class AbstractScimProvisioningTest {

    static final String TOKEN = "scim-token-0123456789-abcdefghijklmnopqrstuvwxyz";
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String PATCH = "\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]";

    TestServer t;

    /** A new, empty store. */
    abstract JdbcRequestStore openStore();

    @BeforeEach
    void start() {
        JdbcRequestStore store = openStore();
        t = new TestServer(
                store, s -> JdbcScimStore.of(s).directory(), server -> server.scim(JdbcScimStore.of(store), TOKEN));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    // ---- Entra ID -------------------------------------------------------------------------------------------

    @Test
    void entraId_createFindPatchDeactivateDelete_followsItsSequence_andAuditsEachMembershipChange() {
        HttpResponse<String> created = scim("POST", "/Users", null, """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
                 "userName": "Bob@Contoso.com", "active": true,
                 "emails": [{"primary": true, "type": "work", "value": "bob@contoso.com"}],
                 "meta": {"resourceType": "User"},
                 "name": {"formatted": "Bob Jones", "familyName": "Jones", "givenName": "Bob"},
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "IT"},
                 "roles": []}""");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/scim+json");
        JsonNode bob = json(created);
        assertUser(bob);
        assertThat(bob.path("schemas").toString()).contains("enterprise:2.0:User");
        assertThat(created.headers().firstValue("Location"))
                .contains(bob.at("/meta/location").asText());
        assertThat(created.headers().firstValue("ETag"))
                .contains(bob.at("/meta/version").asText());
        String bobId = bob.path("id").asText();

        JsonNode found = json(scim("GET", "/Users?filter=" + q("userName eq \"bob@contoso.com\""), null, null));
        assertList(found, 1);
        assertThat(found.at("/Resources/0/id").asText()).isEqualTo(bobId);
        assertList(json(scim("GET", "/Users?filter=" + q("userName eq \"nobody@contoso.com\""), null, null)), 0);

        JsonNode group = json(scim("POST", "/Groups", null, """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group",
                             "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
                 "displayName": "App Approvers", "meta": {"resourceType": "Group"}}""", 201));
        assertGroup(group);
        String groupId = group.path("id").asText();
        JsonNode byName = json(scim(
                "GET",
                "/Groups?excludedAttributes=members&filter=" + q("displayName eq \"App Approvers\""),
                null,
                null));
        assertList(byName, 1);
        assertThat(byName.at("/Resources/0").has("members")).isFalse();

        scim(
                "PATCH",
                "/Groups/" + groupId,
                null,
                "{" + PATCH + ", \"Operations\": [{\"op\": \"Add\","
                        + " \"path\": \"members\", \"value\": [{\"value\": \"" + bobId + "\"}]}]}",
                200);
        assertThat(t.directory.findFresh("BOB@contoso.com"))
                .get()
                .extracting(Principal::groups)
                .isEqualTo(Set.of("App Approvers"));

        JsonNode patched = json(scim(
                "PATCH",
                "/Users/" + bobId,
                null,
                "{" + PATCH + ", \"Operations\": ["
                        + "{\"op\": \"Replace\", \"path\": \"emails[type eq \\\"work\\\"].value\", \"value\":"
                        + " \"bob.jones@contoso.com\"},"
                        + "{\"op\": \"Replace\", \"path\": \"name.familyName\", \"value\": \"Jones-Smith\"},"
                        + "{\"op\": \"Add\", \"path\": \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\","
                        + " \"value\": \"Security\"}]}",
                200));
        assertUser(patched);
        assertThat(patched.at("/emails/0/value").asText()).isEqualTo("bob.jones@contoso.com");
        assertThat(patched.at("/name/familyName").asText()).isEqualTo("Jones-Smith");
        assertThat(patched.at("/name/givenName").asText()).isEqualTo("Bob");
        assertThat(patched.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                        .path("department")
                        .asText())
                .isEqualTo("Security");
        assertThat(patched.at("/meta/version").asText())
                .isNotEqualTo(bob.at("/meta/version").asText());

        scim(
                "PATCH",
                "/Groups/" + groupId,
                null,
                "{" + PATCH + ", \"Operations\": [{\"op\": \"Remove\","
                        + " \"path\": \"members\", \"value\": [{\"value\": \"" + bobId + "\"}]}]}",
                200);
        assertThat(t.directory.findFresh("bob@contoso.com"))
                .get()
                .extracting(Principal::groups)
                .isEqualTo(Set.of());

        JsonNode off = json(scim(
                "PATCH",
                "/Users/" + bobId,
                null,
                "{" + PATCH + ", \"Operations\": [{\"op\":"
                        + " \"Replace\", \"path\": \"active\", \"value\": \"False\"}]}",
                200));
        assertThat(off.path("active").isBoolean()).isTrue();
        assertThat(off.path("active").asBoolean()).isFalse();
        assertThat(t.directory.findFresh("bob@contoso.com")).isEmpty();

        assertThat(scim("DELETE", "/Users/" + bobId, null, null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = scim("GET", "/Users/" + bobId, null, null);
        assertError(gone, 404, null);

        assertThat(auditTypes())
                .containsSubsequence(
                        "DIRECTORY_USER_ADDED",
                        "DIRECTORY_GROUP_ADDED",
                        "DIRECTORY_MEMBER_ADDED",
                        "DIRECTORY_MEMBER_REMOVED",
                        "DIRECTORY_USER_DEACTIVATED",
                        "DIRECTORY_USER_REMOVED");
    }

    // ---- Okta -----------------------------------------------------------------------------------------------

    @Test
    void okta_createReplaceGroupPatchDeactivate_followsItsSequence_andNeverKeepsThePassword() {
        assertList(
                json(scim(
                        "GET",
                        "/Users?filter=" + q("userName eq \"test.user@okta.local\"") + "&startIndex=1&count=100",
                        null,
                        null)),
                0);
        JsonNode user = json(scim("POST", "/Users", null, """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "test.user@okta.local",
                 "name": {"givenName": "Test", "familyName": "User"},
                 "emails": [{"primary": true, "value": "test.user@okta.local", "type": "work"}],
                 "displayName": "Test User", "locale": "en-US", "externalId": "00ujl29u0le5T6Aj10h7",
                 "groups": [], "password": "1mz050nq", "active": true}""", 201));
        assertUser(user);
        assertThat(user.has("password")).isFalse();
        String userId = user.path("id").asText();
        assertThat(JdbcScimStore.of(t.store).user(userId).orElseThrow().attributes())
                .doesNotContain("1mz050nq");

        JsonNode replaced = json(scim("PUT", "/Users/" + userId, null, """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "%s",
                 "userName": "test.user@okta.local", "name": {"givenName": "Another", "familyName": "User"},
                 "emails": [{"primary": true, "value": "test.user@okta.local", "type": "work"}],
                 "displayName": "Another User", "active": true}""".formatted(userId), 200));
        assertUser(replaced);
        assertThat(replaced.at("/name/givenName").asText()).isEqualTo("Another");
        assertThat(replaced.has("locale")).as("PUT replaces the whole resource").isFalse();

        JsonNode group = json(scim("POST", "/Groups", null, """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Test SCIMv2",
                 "members": []}""", 201));
        String groupId = group.path("id").asText();
        scim(
                "PATCH",
                "/Groups/" + groupId,
                null,
                "{" + PATCH + ", \"Operations\": [{\"op\": \"add\", \"path\":"
                        + " \"members\", \"value\": [{\"value\": \"" + userId
                        + "\", \"display\": \"test.user@okta.local\"}]}]}",
                200);
        JsonNode renamed = json(scim(
                "PATCH",
                "/Groups/" + groupId,
                null,
                "{" + PATCH + ", \"Operations\": [{\"op\":" + " \"replace\", \"value\": {\"id\": \"" + groupId
                        + "\", \"displayName\": \"App Approvers\"}}]}",
                200));
        assertGroup(renamed);
        assertThat(renamed.at("/members/0/value").asText()).isEqualTo(userId);
        assertThat(t.directory.membersOf("app approvers")).containsExactly("test.user@okta.local");

        scim(
                "PATCH",
                "/Groups/" + groupId,
                null,
                "{" + PATCH + ", \"Operations\": [{\"op\": \"remove\", \"path\":" + " \"members[value eq \\\"" + userId
                        + "\\\"]\"}]}",
                200);
        assertThat(t.directory.membersOf("App Approvers")).isEmpty();

        JsonNode off = json(scim(
                "PATCH",
                "/Users/" + userId,
                null,
                "{" + PATCH + ", \"Operations\": [{\"op\":" + " \"replace\", \"value\": {\"active\": false}}]}",
                200));
        assertThat(off.path("active").asBoolean(true)).isFalse();
        assertThat(t.directory.findFresh("test.user@okta.local")).isEmpty();
        assertThat(auditTypes()).contains("DIRECTORY_GROUP_RENAMED", "DIRECTORY_USER_DEACTIVATED");
    }

    @Test
    void discovery_documents_describeWhatIsSupported() {
        JsonNode config = json(scim("GET", "/ServiceProviderConfig", null, null, 200));
        assertThat(config.path("schemas").toString()).contains("ServiceProviderConfig");
        assertThat(config.at("/patch/supported").asBoolean()).isTrue();
        assertThat(config.at("/etag/supported").asBoolean()).isTrue();
        assertThat(config.at("/bulk/supported").asBoolean(true)).isFalse();
        assertThat(config.at("/authenticationSchemes/0/type").asText()).isEqualTo("oauthbearertoken");
        JsonNode types = json(scim("GET", "/ResourceTypes", null, null, 200));
        assertList(types, 2);
        assertThat(types.at("/Resources/0/endpoint").asText()).isEqualTo("/Users");
        JsonNode userSchema = json(scim("GET", "/Schemas/" + USER_SCHEMA, null, null, 200));
        assertThat(userSchema.at("/attributes/0/name").asText()).isEqualTo("userName");
        assertThat(userSchema.at("/attributes/0/required").asBoolean()).isTrue();
        assertList(json(scim("GET", "/Schemas", null, null, 200)), 2);
    }

    @Test
    void list_pagesWithStartIndexAndCount_inCreationOrder() {
        List<String> ids = new ArrayList<>();
        for (String name : List.of("erin", "frank", "grace")) {
            ids.add(createUser(name, true).path("id").asText());
        }

        JsonNode page = json(scim("GET", "/Users?startIndex=2&count=2", null, null, 200));
        assertThat(page.path("totalResults").asInt()).isEqualTo(3);
        assertThat(page.path("startIndex").asInt()).isEqualTo(2);
        assertThat(page.path("itemsPerPage").asInt()).isEqualTo(2);
        assertThat(page.at("/Resources/0/id").asText()).isEqualTo(ids.get(1));
        assertThat(page.at("/Resources/1/id").asText()).isEqualTo(ids.get(2));
        JsonNode none = json(scim("GET", "/Users?count=0", null, null, 200));
        assertThat(none.path("totalResults").asInt()).isEqualTo(3);
        assertThat(none.path("Resources").size()).isZero();
        assertError(scim("GET", "/Users?count=many", null, null), 400, "invalidValue");
        assertError(scim("POST", "/Users", null, "{\"userName\": \"" + "x".repeat(1100) + "\"}"), 400, "invalidValue");
    }

    // ---- refusals -------------------------------------------------------------------------------------------

    @Test
    void patch_withAStaleETag_isRefusedWith412_andChangesNothing() {
        JsonNode user = createUser("carol", true);
        String id = user.path("id").asText();
        String body = "{" + PATCH + ", \"Operations\": [{\"op\": \"replace\", \"path\": \"displayName\","
                + " \"value\": \"Carol\"}]}";

        assertError(scim("PATCH", "/Users/" + id, "W/\"999\"", body), 412, null);
        assertThat(json(scim("GET", "/Users/" + id, null, null)).has("displayName"))
                .isFalse();
        assertError(scim("DELETE", "/Users/" + id, "W/\"999\"", null), 412, null);

        JsonNode done =
                json(scim("PATCH", "/Users/" + id, user.at("/meta/version").asText(), body, 200));
        assertThat(done.path("displayName").asText()).isEqualTo("Carol");
    }

    @Test
    void list_withAnUnsupportedFilter_isRefusedAsInvalidFilter() {
        for (String filter : List.of(
                "emails co \"contoso\"",
                "userName eq \"a\" or userName eq \"b\"",
                "externalId eq \"x\"",
                "userName sw \"a\"",
                "userName eq unquoted")) {
            HttpResponse<String> res = scim("GET", "/Users?filter=" + q(filter), null, null);
            assertError(res, 400, "invalidFilter");
            assertThat(json(res).path("detail").asText()).contains("userName eq");
        }
        assertError(scim("GET", "/Groups?filter=" + q("userName eq \"x\""), null, null), 400, "invalidFilter");
    }

    @Test
    void requests_withoutTheScimToken_areRefusedWith401_andAnAdminTokenIsNotOne() {
        for (String token :
                new String[] {null, "wrong", TestServer.jwt("carol", List.of("Security Admins")), TOKEN + "x"}) {
            HttpResponse<String> res = send("GET", "/scim/v2/Users", token, null, null);
            assertError(res, 401, null);
            assertThat(res.headers().firstValue("WWW-Authenticate"))
                    .get()
                    .asString()
                    .startsWith("Bearer");
        }
        assertThat(send("GET", "/api/v1/requests", TOKEN, null, null).statusCode())
                .as("the SCIM token is no admin token")
                .isEqualTo(401);
    }

    @Test
    void create_ofAUserWithTheCanonicalNameOfAnother_isAUniquenessConflict_andABadIdIsRefusedByName() {
        createUser("dave@contoso.com", true);

        HttpResponse<String> duplicate = scim(
                "POST", "/Users", null, "{\"schemas\": [\"" + USER_SCHEMA + "\"], \"userName\": \"ＤＡＶＥ@Contoso.com\"}");
        assertError(duplicate, 409, "uniqueness");
        assertThat(json(duplicate).path("detail").asText()).contains("dave@contoso.com");

        HttpResponse<String> mixed = scim(
                "POST",
                "/Users",
                null,
                "{\"schemas\": [\"" + USER_SCHEMA + "\"], \"userName\": \"dаve\"}"); // Cyrillic а
        assertError(mixed, 400, "invalidValue");
        assertThat(json(mixed).path("detail").asText()).contains("userName").contains("not accepted");
        assertError(
                scim("POST", "/Users", null, "{\"schemas\": [\"" + USER_SCHEMA + "\"], \"active\": true}"),
                400,
                "invalidValue");
        assertList(json(scim("GET", "/Users", null, null)), 1);
    }

    // ---- reviews --------------------------------------------------------------------------------------------

    @Test
    void review_byAnApproverDeactivatedThroughScim_isRefused_untilReactivated() {
        String alice = createUser("alice", true).path("id").asText();
        String bob = createUser("bob", true).path("id").asText();
        createGroup("App Admins", alice);
        createGroup("App Approvers", bob);
        String request = t.parkUpdate("alice", "app-scim-1", "CHG-1 deactivated approver");

        deactivate(bob, "False");
        assertThat(approve(request, "bob").statusCode())
                .as("bob is no approver now: he does not even see the request")
                .isEqualTo(404);
        assertThatThrownBy(() -> t.engine.approvals().approve(request, Principal.of("bob", "App Approvers"), "ok"))
                .as("groups a caller claims do not count: the directory says bob is deactivated")
                .isInstanceOf(ReviewNotAllowedException.class);
        assertThat(t.request(request).reviews()).isEmpty();

        scim(
                "PATCH",
                "/Users/" + bob,
                null,
                "{" + PATCH + ", \"Operations\": [{\"op\": \"replace\", \"path\":" + " \"active\", \"value\": true}]}",
                200);
        assertThat(approve(request, "bob").statusCode()).isEqualTo(200);
    }

    @Test
    void review_byAScimUserUnderAnotherSpellingOfTheRequester_isRefused() {
        String other = createUser("ＡＬＩＣＥ", true).path("id").asText(); // fullwidth: canonical "alice"
        createGroup("App Approvers", other);
        createGroup("App Admins", other);
        String request = t.parkUpdate(Principal.of("alice", "App Admins"), "app-scim-2", "CHG-2 self review");

        for (String spelling : List.of("ＡＬＩＣＥ", "Alice", "alice")) {
            HttpResponse<String> res = approve(request, spelling);
            assertThat(res.statusCode()).as(spelling).isEqualTo(403);
        }
        assertThat(t.request(request).reviews()).isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private HttpResponse<String> approve(String requestId, String user) {
        return t.post(
                "/api/v1/requests/" + requestId + "/approve", TestServer.jwt(user, List.of()), "{\"notes\": \"ok\"}");
    }

    private void deactivate(String userId, String value) {
        scim(
                "PATCH",
                "/Users/" + userId,
                null,
                "{" + PATCH + ", \"Operations\": [{\"op\": \"Replace\", \"path\":" + " \"active\", \"value\": \""
                        + value + "\"}]}",
                200);
    }

    JsonNode createUser(String userName, boolean active) {
        return json(scim(
                "POST",
                "/Users",
                null,
                "{\"schemas\": [\"" + USER_SCHEMA + "\"], \"userName\": \"" + userName + "\", \"active\": " + active
                        + "}",
                201));
    }

    JsonNode createGroup(String name, String... memberIds) {
        List<String> members = new ArrayList<>();
        for (String id : memberIds) {
            members.add("{\"value\": \"" + id + "\"}");
        }
        return json(scim(
                "POST",
                "/Groups",
                null,
                "{\"schemas\": [\"" + GROUP_SCHEMA + "\"], \"displayName\": \"" + name + "\", \"members\": ["
                        + String.join(", ", members) + "]}",
                201));
    }

    private HttpResponse<String> scim(String method, String path, String ifMatch, String body, int status) {
        HttpResponse<String> res = scim(method, path, ifMatch, body);
        assertThat(res.statusCode()).as(method + " " + path + ": " + res.body()).isEqualTo(status);
        return res;
    }

    HttpResponse<String> scim(String method, String path, String ifMatch, String body) {
        return send(method, "/scim/v2" + path, TOKEN, ifMatch, body);
    }

    private HttpResponse<String> send(String method, String path, String token, String ifMatch, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.server.uri() + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/scim+json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        try {
            return t.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> auditTypes() {
        return t.store.auditLog().read(0, 1000).stream()
                .map(AuditEntry::event)
                .map(e -> e.type())
                .toList();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static JsonNode json(HttpResponse<String> res) {
        JsonNode node = Json.readOrNull(res.body());
        assertThat(node).as(res.body()).isNotNull();
        return node;
    }

    /** RFC 7643 section 4.1 and 3.1: schemas, id, userName, meta with its members. */
    static void assertUser(JsonNode user) {
        assertThat(user.path("schemas").isArray()).isTrue();
        assertThat(user.path("schemas").toString()).contains(USER_SCHEMA);
        assertThat(user.path("userName").asText()).isNotBlank();
        assertMeta(user, "User");
    }

    /** RFC 7643 section 4.2: schemas, id, displayName, members (value, $ref, type), meta. */
    static void assertGroup(JsonNode group) {
        assertThat(group.path("schemas").toString()).contains(GROUP_SCHEMA);
        assertThat(group.path("displayName").asText()).isNotBlank();
        for (JsonNode m : group.path("members")) {
            assertThat(m.path("value").asText()).isNotBlank();
            assertThat(m.path("$ref").asText())
                    .contains("/scim/v2/Users/" + m.path("value").asText());
        }
        assertMeta(group, "Group");
    }

    private static void assertMeta(JsonNode resource, String type) {
        assertThat(resource.path("id").asText()).isNotBlank();
        JsonNode meta = resource.path("meta");
        assertThat(meta.path("resourceType").asText()).isEqualTo(type);
        assertThat(meta.path("created").asText()).isNotBlank();
        assertThat(meta.path("lastModified").asText()).isNotBlank();
        assertThat(meta.path("version").asText()).startsWith("W/\"");
        assertThat(meta.path("location").asText())
                .endsWith("/scim/v2/" + type + "s/" + resource.path("id").asText());
    }

    /** RFC 7644 section 3.4.2: a ListResponse of {@code total} results. */
    static void assertList(JsonNode list, int total) {
        assertThat(list.path("schemas").toString()).contains(LIST_SCHEMA);
        assertThat(list.path("totalResults").asInt(-1)).isEqualTo(total);
        assertThat(list.path("startIndex").asInt()).isEqualTo(1);
        assertThat(list.path("Resources").size()).isEqualTo(Math.min(total, 100));
        assertThat(list.path("itemsPerPage").asInt(-1))
                .isEqualTo(list.path("Resources").size());
    }

    /** RFC 7644 section 3.12: an Error with the status as a string and the scimType if given. */
    static void assertError(HttpResponse<String> res, int status, String scimType) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type")).get().asString().startsWith("application/scim+json");
        JsonNode error = json(res);
        assertThat(error.path("schemas").toString()).contains(ERROR_SCHEMA);
        assertThat(error.path("status").asText()).isEqualTo(String.valueOf(status));
        assertThat(error.path("detail").asText()).isNotBlank();
        if (scimType != null) {
            assertThat(error.path("scimType").asText()).isEqualTo(scimType);
        }
    }
}
