package dev.maa.samples.deviceadmin;

import dev.maa.api.MaaException;
import dev.maa.api.Principal;
import dev.maa.core.MaaEngine;
import dev.maa.core.cache.CachingPolicyEngine;

/**
 * The line protocol of {@link DeviceAdminMain}. Justifications are one word: underscores stand for spaces.
 *
 * <pre>
 * call USER JUSTIFICATION|- createApp ID NAME VERSION PLATFORM   → OK | PARKED REQUEST-ID | REFUSED TYPE MESSAGE
 * call USER JUSTIFICATION|- deleteApp ID
 * call USER JUSTIFICATION|- wipeDevice ID
 * call USER - findApp ID                                          (not annotated)
 * approve REQUEST-ID USER        reject REQUEST-ID USER           → OK STATUS | REFUSED TYPE MESSAGE
 * complete REQUEST-ID USER                                        → OK STATUS
 * show REQUEST-ID                                                 → OK ID STATUS requester=… justification=…
 * count EFFECT_WITH_UNDERSCORES                                   → OK N
 * effects                                                         → OK effect|effect|…
 * stats                                                           → OK decision-cache statistics
 * </pre>
 */
final class SampleCommands {

    private final MaaEngine engine;
    private final CachingPolicyEngine cache;
    private final SideEffects effects;
    private final AppCatalog apps;
    private final DeviceFleet devices;

    SampleCommands(
            MaaEngine engine,
            CachingPolicyEngine cache,
            SideEffects effects,
            AppCatalog apps,
            ScriptLibrary scripts,
            DeviceFleet devices,
            RoleDirectory roles) {
        this.engine = engine;
        this.cache = cache;
        this.effects = effects;
        this.apps = apps;
        this.devices = devices;
        engine.registerTarget(apps)
                .registerTarget(scripts)
                .registerTarget(devices)
                .registerTarget(roles);
    }

    String execute(String line) {
        String[] w = line.split("\\s+");
        try {
            return switch (w[0]) {
                case "call" -> call(w);
                case "approve" ->
                    "OK "
                            + engine.approvals()
                                    .approve(w[1], Principal.of(w[2]), "approved")
                                    .status();
                case "reject" ->
                    "OK "
                            + engine.approvals()
                                    .reject(w[1], Principal.of(w[2]), "rejected")
                                    .status();
                case "complete" ->
                    "OK "
                            + engine.approvals()
                                    .complete(w[1], Principal.of(w[2]))
                                    .status();
                case "show" ->
                    "OK " + DeviceAdminMain.describe(engine.approvals().get(w[1]));
                case "count" -> "OK " + effects.count(w[1].replace('_', ' '));
                case "effects" -> "OK " + String.join("|", effects.all());
                case "stats" -> "OK " + cache.stats();
                default -> "ERROR unknown command '" + w[0] + "'";
            };
        } catch (MaaException e) {
            return "REFUSED " + e.getClass().getSimpleName() + " " + DeviceAdminMain.oneLine(e.getMessage());
        } catch (RuntimeException e) {
            return "ERROR " + e.getClass().getName() + " " + DeviceAdminMain.oneLine(e.getMessage());
        }
    }

    private String call(String[] w) {
        String user = w[1];
        String justification = w[2];
        String op = w[3];
        return DeviceAdminMain.asUser(user, justification, () -> switch (op) {
            case "createApp" -> {
                apps.createApp(new App(w[4], w[5], w[6], DeviceAdminMain.platform(w[7])));
                yield "created";
            }
            case "deleteApp" -> {
                apps.deleteApp(w[4]);
                yield "deleted";
            }
            case "wipeDevice" -> {
                devices.wipeDevice(w[4], false);
                yield "wiped";
            }
            case "findApp" -> apps.findApp(w[4]).map(App::name).orElse("none");
            default -> throw new IllegalArgumentException("unknown operation '" + op + "'");
        });
    }
}
