package dev.maa.samples.bootadmin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A device-management service in Spring Boot: its controllers call {@code @Protected} services, and the MAA starter
 * parks the calls the policies send for approval. Approvers sign in to this application and review through its own
 * {@code /maa} API; the requester then completes the request and the call runs once.
 */
@SpringBootApplication
public class DeviceAdminApplication {

    public static void main(String[] args) {
        SpringApplication.run(DeviceAdminApplication.class, args);
    }
}
