package dev.maa.samples.deviceadmin;

/** Script management: deploy, update and delete scripts. */
public interface ScriptManagement {

    void deployScript(String scriptId, String group);

    void updateScript(Script script);

    void deleteScript(String scriptId);
}
