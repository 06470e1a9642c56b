/** The AspectJ aspect that routes {@code @Protected} methods to the one Gatekeeper. */
module dev.maa.aspectj {
    requires transitive dev.maa.core;
    requires org.aspectj.runtime;

    exports dev.maa.aspectj;
}
