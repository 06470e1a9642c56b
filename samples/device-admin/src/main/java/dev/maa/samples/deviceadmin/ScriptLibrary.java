package dev.maa.samples.deviceadmin;

import static dev.maa.api.Action.DELETE;
import static dev.maa.api.Action.DEPLOY;
import static dev.maa.api.Action.UPDATE;
import static dev.maa.api.ResourceType.SCRIPT;

import dev.maa.api.Protected;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Scripts and their deployments. */
public class ScriptLibrary implements ScriptManagement {

    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final SideEffects effects;

    public ScriptLibrary(SideEffects effects) {
        this.effects = effects;
    }

    @Override
    @Protected(resource = SCRIPT, action = DEPLOY, objectId = "scriptId")
    public void deployScript(String scriptId, String group) {
        effects.record("deployed script " + scriptId + " to " + group);
    }

    @Override
    @Protected(resource = SCRIPT, action = UPDATE, objectId = "script.id", platformFrom = "script.platform")
    public void updateScript(Script script) {
        scripts.put(script.id(), script);
        effects.record("updated script " + script.id());
    }

    @Override
    @Protected(resource = SCRIPT, action = DELETE, objectId = "scriptId")
    public void deleteScript(String scriptId) {
        scripts.remove(scriptId);
        effects.record("deleted script " + scriptId);
    }
}
