/** The MAA Spring Boot starter: its dependencies bring the auto-configuration and everything it configures. */
module dev.maa.spring.boot.starter {
    requires transitive dev.maa.spring.boot.autoconfigure;
    requires transitive dev.maa.notify;
}
