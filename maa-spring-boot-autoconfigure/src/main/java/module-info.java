/** Spring Boot auto-configuration of MAA; applications depend on maa-spring-boot-starter. */
module dev.maa.spring.boot.autoconfigure {
    requires transitive dev.maa.core;
    requires transitive dev.maa.policies;
    requires transitive dev.maa.store.jdbc;
    requires dev.maa.spring;
    requires static dev.maa.notify;
    requires static micrometer.core;
    requires static spring.boot.actuator;
    requires static spring.boot.actuator.autoconfigure;
    requires static spring.boot.health;
    requires transitive spring.boot;
    requires transitive spring.boot.autoconfigure;
    requires transitive spring.context;
    requires transitive spring.beans;
    requires transitive spring.core;
    requires transitive spring.aop;
    requires static spring.security.core;
    requires static spring.security.web;
    requires static spring.web;
    requires static spring.webmvc;
    requires static jakarta.servlet;
    requires static spring.webflux;
    requires static reactor.core;
    requires static org.reactivestreams;
    requires com.zaxxer.hikari;
    requires org.slf4j;

    exports dev.maa.spring.boot.autoconfigure;
    exports dev.maa.spring.boot.autoconfigure.web;
    exports dev.maa.spring.boot.autoconfigure.actuate;

    opens dev.maa.spring.boot.autoconfigure to
            spring.core,
            spring.beans,
            spring.context;
    opens dev.maa.spring.boot.autoconfigure.actuate to
            spring.core,
            spring.beans,
            spring.context,
            spring.boot.actuator;
    opens dev.maa.spring.boot.autoconfigure.web to
            spring.core,
            spring.beans,
            spring.context,
            spring.web,
            spring.webmvc,
            spring.webflux;
}
