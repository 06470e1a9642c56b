package dev.maa.samples.deviceadmin;

import java.util.List;
import java.util.Optional;

/** Application management: the operations an Intune-style console offers for apps. */
public interface AppManagement {

    void createApp(App app);

    void updateApp(App app);

    void assignApp(String appId, String group);

    void deleteApp(String appId);

    Optional<App> findApp(String appId);

    List<App> listApps();
}
