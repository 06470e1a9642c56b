/**
 * The MAA java agent. This descriptor exists for the compiler: it keeps the agent on maa-core's exported API.
 * The shaded agent jar leaves it out, because a {@code -javaagent} jar is always on the class path and its Byte
 * Buddy is relocated into {@code dev.maa.agent.shaded.bytebuddy}, which no descriptor could name.
 */
module dev.maa.agent {
    requires dev.maa.core;
    requires net.bytebuddy;
    requires java.instrument;

    exports dev.maa.agent;
}
