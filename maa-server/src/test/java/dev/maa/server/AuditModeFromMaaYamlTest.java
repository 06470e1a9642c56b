package dev.maa.server;

import static dev.maa.api.Action.DELETE;
import static dev.maa.api.ResourceType.APP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.Protected;
import dev.maa.api.RequestQuery;
import dev.maa.policies.PolicyService;
import dev.maa.server.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 end to end: a server whose {@code maa.yaml} sets an audit default for one method lets a call the demo
 * policies would park run once, logs {@code would_require_approval} to the decision log file, and parks nothing.
 */
class AuditModeFromMaaYamlTest {

    /** A protected service of the test, matched by the demo's "App changes" policy (APP DELETE). */
    public interface Apps {
        @Protected(resource = APP, action = DELETE, objectId = "id")
        void delete(String id);
    }

    /** The real service: counts its runs. */
    public static final class CountingApps implements Apps {
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public void delete(String id) {
            runs.incrementAndGet();
        }
    }

    @TempDir
    Path home;

    @Test
    void auditDefaultForAMethod_inMaaYaml_runsTheCall_logsWouldRequireApproval_parksNothing() throws Exception {
        String method = CountingApps.class.getName() + ".delete";
        Path file = Files.writeString(home.resolve("maa.yaml"), """
                server: { port: 0 }
                enforcement:
                  methods: { "%s": audit }
                decision_logs:
                  flush_interval: 1h
                  file: { path: %s }
                """.formatted(method, PolicyService.DECISION_LOG));

        try (MaaServer server = MaaServer.start(ServerSetup.configure(ServerSettings.load(file, home)))) {
            var engine = server.config().engine();
            CountingApps real = new CountingApps();
            Apps apps = engine.protect(Apps.class, real);

            try (var who = Maa.actingAs(Principal.of("alice", "App Admins"));
                    var why = Maa.justify("CHG-1 retire app")) {
                apps.delete("app-1");
            }
            engine.decisionLog().flush();

            assertThat(real.runs).hasValue(1);
            assertThat(engine.store().list(new RequestQuery(null, Set.of(), Set.of(), null, false, 0, 100)))
                    .as("audit mode parks nothing")
                    .isEmpty();
            List<String> lines = Files.readAllLines(home.resolve(PolicyService.DECISION_LOG));
            assertThat(lines).hasSize(1);
            JsonNode event = Json.readOrNull(lines.get(0));
            assertThat(event.at("/custom/outcome").asText()).as(lines.get(0)).isEqualTo("would_require_approval");
            assertThat(event.at("/result/factors/0/policy").asText())
                    .as(lines.get(0))
                    .isEqualTo("App changes");
        }
    }
}
