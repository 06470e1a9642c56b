/**
 * The device-management sample host. As a module it can reach only what the SDK exports: samples use the public
 * API alone. Its package is open so the parked-call codec (Jackson) can read and write its argument records.
 */
module dev.maa.samples.deviceadmin {
    requires transitive dev.maa.core;
    requires dev.maa.policies;
    requires dev.maa.store.jdbc;

    exports dev.maa.samples.deviceadmin;

    opens dev.maa.samples.deviceadmin to
            com.fasterxml.jackson.databind;
}
