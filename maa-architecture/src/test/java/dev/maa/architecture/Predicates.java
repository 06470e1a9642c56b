package dev.maa.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.util.Optional;

/** Which classes and methods the rules of {@link BoundariesTest} apply to. */
final class Predicates {

    private static final String ON_ENTER = "net.bytebuddy.asm.Advice$OnMethodEnter";
    private static final String ON_EXIT = "net.bytebuddy.asm.Advice$OnMethodExit";

    private Predicates() {}

    /** Library classes outside internal packages that other modules can see: public, and public all the way out. */
    static DescribedPredicate<JavaClass> apiClass() {
        return DescribedPredicate.describe(
                "public classes of the libraries' API packages",
                c -> ModuleClasses.isLibrary(c)
                        && BoundariesTest.internalRoot(c.getPackageName()) == null
                        && effectivelyPublic(c));
    }

    /** Classes with Byte Buddy enter or exit advice. */
    static DescribedPredicate<JavaClass> adviceClass() {
        return DescribedPredicate.describe(
                "advice classes", c -> c.getMethods().stream().anyMatch(Predicates::isAdvice));
    }

    static boolean isAdvice(JavaMethod m) {
        return m.isAnnotatedWith(ON_ENTER) || m.isAnnotatedWith(ON_EXIT);
    }

    private static boolean effectivelyPublic(JavaClass c) {
        for (Optional<JavaClass> k = Optional.of(c); k.isPresent(); k = k.get().getEnclosingClass()) {
            if (!k.get().getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }
}
