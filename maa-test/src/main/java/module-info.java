/** The MAA test kit for applications' tests; Spring is optional (dev.maa.test.spring). */
module dev.maa.test {
    requires transitive dev.maa.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.opentest4j;
    requires static spring.context;
    requires static spring.test;

    exports dev.maa.test;
    exports dev.maa.test.spring;

    opens dev.maa.test.spring to
            spring.core,
            spring.beans,
            spring.context;
}
