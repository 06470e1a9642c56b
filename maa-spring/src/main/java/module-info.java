/** A TargetResolver over a Spring ApplicationContext; Spring is optional at run time. */
module dev.maa.spring {
    requires transitive dev.maa.api;
    requires static spring.context;
    requires static spring.beans;

    exports dev.maa.spring;

    provides dev.maa.api.TargetResolver with
            dev.maa.spring.SpringTargetResolver;
}
