package dev.maa.spring.boot.autoconfigure;

/** {@code maa.aop.*}: the Spring AOP advisor for @Protected methods of beans. */
public class MaaAopProperties {

    /** After Spring Security's method security (100 to 600), before {@code @Transactional}. */
    public static final int DEFAULT_ORDER = 700;

    /** Whether @Protected bean methods are intercepted by Spring AOP (it steps aside for classes the agent wove). */
    private boolean enabled = true;

    /**
     * The advisor's order: lower runs first (outside). The default 700 runs after Spring Security's method
     * security (100 to 600) and before @Transactional (lowest precedence), so a call is authorized first and
     * parked before any transaction opens.
     */
    private int order = DEFAULT_ORDER;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }
}
