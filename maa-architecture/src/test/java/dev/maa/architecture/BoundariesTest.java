package dev.maa.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The boundaries the folders promise, checked on the compiled classes of every module. module-info.java already
 * makes javac refuse another module's internal package in main code; these rules cover what it cannot: tests,
 * signatures, class cycles inside a module, and what advice may name.
 */
class BoundariesTest {

    @Test
    void noModule_usesAnotherModulesInternalPackage_notEvenInTests() {
        classes()
                .should(new ArchCondition<JavaClass>("use no other module's internal package") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        for (Dependency d : c.getDirectDependenciesFromSelf()) {
                            String root = internalRoot(
                                    d.getTargetClass().getBaseComponentType().getPackageName());
                            if (root != null && !within(c.getPackageName(), root)) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                            }
                        }
                    }
                })
                .check(ModuleClasses.mainAndTests());
    }

    @Test
    void publicSignatures_ofApiPackages_nameNoInternalType() {
        classes()
                .that(Predicates.apiClass())
                .should(
                        new ArchCondition<JavaClass>("name no internal type in a public"
                                + " signature (move the type to an API package, or keep the member package-private)") {
                            @Override
                            public void check(JavaClass c, ConditionEvents events) {
                                List<JavaType> types = new ArrayList<>();
                                c.getSuperclass().ifPresent(types::add);
                                types.addAll(c.getInterfaces());
                                report(c, "the class", types, events);
                                for (JavaMember m : c.getMembers()) {
                                    if (!m.getModifiers().contains(JavaModifier.PUBLIC)
                                                    && !m.getModifiers().contains(JavaModifier.PROTECTED)
                                            || m.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                                        continue;
                                    }
                                    List<JavaType> signature = new ArrayList<>();
                                    if (m instanceof JavaField f) {
                                        signature.add(f.getType());
                                    } else if (m instanceof JavaCodeUnit u) {
                                        signature.add(u.getReturnType());
                                        signature.addAll(u.getParameterTypes());
                                        u.getThrowsClause().getTypes().forEach(signature::add);
                                    }
                                    report(c, m.getFullName(), signature, events);
                                }
                            }
                        })
                .check(ModuleClasses.main());
    }

    @Test
    void noClassCycle_betweenAPackageAndItsInternalPackage() {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaClass c : ModuleClasses.main()) {
            Set<String> targets = uses.computeIfAbsent(topLevel(c.getName()), k -> new HashSet<>());
            c.getDirectDependenciesFromSelf()
                    .forEach(d -> targets.add(
                            topLevel(d.getTargetClass().getBaseComponentType().getName())));
        }
        Set<String> cycles = new TreeSet<>();
        uses.forEach((from, targets) -> {
            String root = internalRoot(packageOf(from));
            for (String to : targets) {
                boolean apiOfSameModule =
                        root != null && within(packageOf(to), root) && internalRoot(packageOf(to)) == null;
                if (apiOfSameModule && uses.getOrDefault(to, Set.of()).contains(from)) {
                    cycles.add(to + " <-> " + from);
                }
            }
        });
        assertThat(cycles)
                .as("API classes and internal classes that use each other: let the internal class return"
                        + " parts the API class assembles, or move the shared piece into the API package")
                .isEmpty();
    }

    @Test
    void adviceCode_namesOnlyTheJdk_theApi_andDevMaaCore() {
        classes()
                .that(Predicates.adviceClass())
                .should(
                        new ArchCondition<JavaClass>("name only java.*, dev.maa.api"
                                + " and dev.maa.core in advice methods: advice is copied into classes of any loader") {
                            @Override
                            public void check(JavaClass c, ConditionEvents events) {
                                for (JavaMethod m : c.getMethods()) {
                                    if (!Predicates.isAdvice(m)) {
                                        continue;
                                    }
                                    for (JavaAccess<?> a : m.getAccessesFromSelf()) {
                                        AccessTarget t = a.getTarget();
                                        if (!adviceMayName(t.getOwner()
                                                .getBaseComponentType()
                                                .getPackageName())) {
                                            events.add(SimpleConditionEvent.violated(a, a.getDescription()));
                                        }
                                    }
                                    for (JavaType p : m.getParameterTypes()) {
                                        p.getAllInvolvedRawTypes().stream()
                                                .filter(t -> !adviceMayName(
                                                        t.getBaseComponentType().getPackageName()))
                                                .forEach(t -> events.add(SimpleConditionEvent.violated(
                                                        m, m.getFullName() + " takes " + t.getName())));
                                    }
                                }
                            }
                        })
                .check(ModuleClasses.main());
    }

    @Test
    void agentStartup_loadsNoByteBuddyType() {
        noClasses()
                .that()
                .haveFullyQualifiedName("dev.maa.agent.MaaAgent")
                .or()
                .haveFullyQualifiedName("dev.maa.agent.internal.AgentStartup")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("net.bytebuddy..")
                .because("premain does as little as possible: Byte Buddy loads only when a class needs weaving")
                .check(ModuleClasses.main());
    }

    @Test
    void serverAndCli_dependOnTheSample_onlyForTheDemo() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.maa.server..", "dev.maa.cli..")
                .and()
                .doNotHaveFullyQualifiedName("dev.maa.cli.commands.DemoCommand")
                .and()
                .doNotHaveFullyQualifiedName("dev.maa.cli.commands.AppDiffProvider")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.maa.samples..")
                .because("only `maa demo` runs the sample host; the server and the other commands serve any host")
                .check(ModuleClasses.main());
    }

    @Test
    void regoBuiltinFamilies_arePackagePrivate() {
        classes()
                .that()
                .resideInAPackage("dev.maa.rego.builtins")
                .and()
                .haveSimpleNameEndingWith("Builtins")
                .should()
                .notBePublic()
                .because("only Families registers them; a builtin is reached through BuiltinRegistry")
                .check(ModuleClasses.main());
    }

    @Test
    void everyLibraryModule_hasAModuleDescriptor() {
        List<String> missing = ModuleClasses.moduleDirs().stream()
                .filter(d -> !d.getFileName().toString().equals("maa-benchmarks"))
                .filter(d -> !Files.isRegularFile(d.resolve("src/main/java/module-info.java")))
                .map(d -> ModuleClasses.ROOT.relativize(d).toString())
                .toList();
        assertThat(missing)
                .as("modules without src/main/java/module-info.java (export only the API packages)")
                .isEmpty();
    }

    /** {@code dev.maa.core} for {@code dev.maa.core.internal.x}; {@code null} outside internal packages. */
    static String internalRoot(String pkg) {
        int i = (pkg + ".").indexOf(".internal.");
        return i < 0 ? null : pkg.substring(0, i);
    }

    static boolean within(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    private static boolean adviceMayName(String pkg) {
        return pkg.isEmpty() || pkg.startsWith("java.") || pkg.equals("dev.maa.api") || pkg.equals("dev.maa.core");
    }

    private static void report(JavaClass owner, String where, List<JavaType> types, ConditionEvents events) {
        for (JavaType t : types) {
            for (JavaClass raw : t.getAllInvolvedRawTypes()) {
                if (internalRoot(raw.getBaseComponentType().getPackageName()) != null) {
                    events.add(SimpleConditionEvent.violated(owner, where + " names " + raw.getName()));
                }
            }
        }
    }

    private static String topLevel(String className) {
        int i = className.indexOf('$');
        return i < 0 ? className : className.substring(0, i);
    }

    private static String packageOf(String className) {
        int i = className.lastIndexOf('.');
        return i < 0 ? "" : className.substring(0, i);
    }
}
