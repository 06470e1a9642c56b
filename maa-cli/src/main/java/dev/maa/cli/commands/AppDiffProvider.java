package dev.maa.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maa.api.ApprovalRequest;
import dev.maa.samples.deviceadmin.App;
import dev.maa.samples.deviceadmin.AppCatalog;
import dev.maa.server.Diff;
import dev.maa.server.DiffProvider;
import java.io.IOException;
import java.util.Optional;

/**
 * Shows approvers what a parked app change would do to the demo's catalog: the app as it is now against the
 * app the parked call carries (or nothing, for a delete).
 */
final class AppDiffProvider implements DiffProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppCatalog catalog;

    AppDiffProvider(AppCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String resourceType() {
        return "APP";
    }

    @Override
    public Optional<Diff> diff(ApprovalRequest request) {
        String id = request.resource().objectId();
        String before = catalog.findApp(id).map(AppDiffProvider::text).orElse("");
        String after;
        try {
            JsonNode arg = JSON.readTree(request.payload()).path("args").path(0).path("value");
            after = switch (request.operation().methodName()) {
                case "createApp", "updateApp" ->
                    text(new App(
                            arg.path("id").asText(),
                            arg.path("name").asText(),
                            arg.path("version").asText(),
                            dev.maa.api.Platform.parse(arg.path("platform").asText())));
                case "deleteApp", "retireApp" -> "";
                default -> null;
            };
        } catch (IOException e) {
            return Optional.empty();
        }
        return after == null ? Optional.empty() : Optional.of(Diff.of("app " + id, before, after));
    }

    private static String text(App app) {
        return "name: " + app.name() + "\nversion: " + app.version() + "\nplatform: " + app.platform() + "\n";
    }
}
