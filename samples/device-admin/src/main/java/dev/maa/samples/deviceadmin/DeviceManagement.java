package dev.maa.samples.deviceadmin;

/** Remote device actions. */
public interface DeviceManagement {

    void wipeDevice(String deviceId, boolean keepEnrollment);

    void retireDevice(String deviceId);

    void deleteDevice(String deviceId);
}
