/** The Spring Boot device-admin sample. */
module dev.maa.samples.bootadmin {
    requires dev.maa.spring.boot.autoconfigure;
    requires spring.boot;
    requires spring.boot.autoconfigure;
    requires spring.web;
    requires spring.security.config;
    requires spring.security.core;
    requires spring.security.crypto;
    requires spring.security.web;

    opens dev.maa.samples.bootadmin to
            spring.core,
            spring.beans,
            spring.context;
}
