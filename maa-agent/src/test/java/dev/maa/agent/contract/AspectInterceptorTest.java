package dev.maa.agent.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.maa.aspectj.ProtectedAspect;
import dev.maa.core.MaaEngine;
import java.net.URL;
import org.aspectj.weaver.loadtime.WeavingURLClassLoader;

/**
 * The contract against {@link ProtectedAspect}, woven at load time in-process by AspectJ's
 * {@link WeavingURLClassLoader} (the same weaver {@code -javaagent:aspectjweaver.jar} uses).
 */
class AspectInterceptorTest extends InterceptorContract {

    private static final String FIXTURES = "dev.maa.agent.contract.fixtures.";
    private static final String ASPECTS = "dev.maa.aspectj.";

    @Override
    protected Inventory inventory(MaaEngine engine) throws Exception {
        URL aspects =
                ProtectedAspect.class.getProtectionDomain().getCodeSource().getLocation();
        // the aspect is defined by the weaving loader too: weaving an annotation-style aspect adds its aspectOf()
        ClassLoader weaving =
                new WeavingURLClassLoader(
                        new URL[] {ChildFirst.testClasses(), aspects},
                        new URL[] {aspects},
                        getClass().getClassLoader()) {
                    @Override
                    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                        if (!name.startsWith(FIXTURES) && !name.startsWith(ASPECTS)) {
                            return super.loadClass(name, resolve);
                        }
                        synchronized (getClassLoadingLock(name)) {
                            Class<?> c = findLoadedClass(name);
                            return c != null ? c : findClass(name);
                        }
                    }
                };
        Class<?> type = weaving.loadClass(FIXTURES + "InventoryService");
        assertThat(type.getClassLoader()).isSameAs(weaving);
        Inventory service = (Inventory) type.getConstructor().newInstance();
        engine.registerTarget(service);
        return service;
    }
}
