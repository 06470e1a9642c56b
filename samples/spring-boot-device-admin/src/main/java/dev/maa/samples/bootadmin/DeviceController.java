package dev.maa.samples.bootadmin;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API of the service. A call the policies park is answered {@code 202 Accepted} with the request's
 * {@code Location} by the starter; the justification comes from the {@code Maa-Justification} header.
 */
@RestController
public class DeviceController {

    private final DeviceService devices;

    public DeviceController(DeviceService devices) {
        this.devices = devices;
    }

    @GetMapping("/apps/{appId}")
    public ResponseEntity<String> app(@PathVariable String appId) {
        return devices.hasApp(appId)
                ? ResponseEntity.ok(appId)
                : ResponseEntity.notFound().build();
    }

    @DeleteMapping("/apps/{appId}")
    public ResponseEntity<Void> deleteApp(@PathVariable String appId) {
        devices.deleteApp(appId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/devices/{deviceId}/wipe")
    public ResponseEntity<Void> wipe(@PathVariable String deviceId) {
        devices.wipeDevice(deviceId);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/roles/{role}/members/{user}")
    public ResponseEntity<Void> assign(@PathVariable String role, @PathVariable String user) {
        devices.assignRole(role, user);
        return ResponseEntity.noContent().build();
    }
}
