package dev.maa.spring;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;

/**
 * Declare it as a bean (or {@code @Import} it) and the context registers itself with {@link SpringTargetResolver},
 * and unregisters when it closes.
 */
public class MaaSpringContextRegistrar implements ApplicationContextAware, DisposableBean {

    private AutoCloseable registration;

    @Override
    public void setApplicationContext(ApplicationContext context) {
        registration = SpringTargetResolver.register(context);
    }

    @Override
    public void destroy() throws Exception {
        if (registration != null) {
            registration.close();
        }
    }
}
