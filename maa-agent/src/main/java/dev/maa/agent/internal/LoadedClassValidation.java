package dev.maa.agent.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * What {@link ClassInitValidation} does for classes that were loaded before the agent attached (their type
 * initializer has run already): by reflection, through the class's own loader, so the descriptions land in the
 * {@code ProtectedMethods} the application uses.
 */
final class LoadedClassValidation {

    private static final System.Logger LOG = System.getLogger("dev.maa.agent");

    private LoadedClassValidation() {}

    static void validate(Class<?> type) {
        Method find;
        Method[] methods;
        try {
            find = Class.forName("dev.maa.core.ProtectedMethods", false, type.getClassLoader())
                    .getMethod("find", Method.class);
            methods = type.getDeclaredMethods();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "maa-agent: " + type.getName() + " declares @Protected methods but MAA"
                            + " core cannot be used from its class loader (" + e
                            + "); its protected calls will be refused"
                            + " until maa-core is on the application class path.");
            return;
        }
        for (Method method : methods) {
            if (method.isSynthetic() || method.isBridge()) {
                continue;
            }
            try {
                find.invoke(null, method);
            } catch (InvocationTargetException e) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "maa-agent: invalid @Protected annotation in " + type.getName() + ": "
                                + e.getCause().getMessage() + " Calls of that method are refused until it is fixed.");
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "maa-agent: could not validate " + method + ": " + e);
            }
        }
    }
}
