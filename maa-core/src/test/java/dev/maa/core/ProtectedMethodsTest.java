package dev.maa.core;

import static dev.maa.api.Action.DELETE;
import static dev.maa.api.Action.UPDATE;
import static dev.maa.api.ResourceType.APP;
import static dev.maa.api.ResourceType.CUSTOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.Justification;
import dev.maa.api.Maa;
import dev.maa.api.MaaConfigurationException;
import dev.maa.api.Platform;
import dev.maa.api.Protected;
import dev.maa.api.ResourceRef;
import dev.maa.api.Urgent;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import dev.maa.core.testing.TestClock;
import dev.maa.core.testing.model.App;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectedMethodsTest {

    public static class Holder {
        public final Owner owner;

        public Holder(Owner owner) {
            this.owner = owner;
        }
    }

    public static class Owner {
        private final String name;

        public Owner(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }
    }

    public interface Good {
        @Protected(
                resource = APP,
                action = UPDATE,
                objectId = "app.id",
                platformFrom = "app.platform",
                scopeTags = {"emea"})
        void update(App app, @Justification String why, @Urgent boolean urgent);

        @Protected(resource = APP, action = UPDATE, objectId = "arg1.owner.name", platform = Platform.ANDROID)
        void nested(String ignored, Holder holder);

        @Protected(resource = CUSTOM, customResource = "billing-account", action = DELETE)
        void close(long accountNumber);

        @Protected(resource = APP, action = DELETE)
        void objectLess(App app);
    }

    public interface Bad {
        @Protected(resource = APP, action = UPDATE, objectId = "app.idx")
        void typo(App app);

        @Protected(resource = APP, action = UPDATE, objectId = "application")
        void noSuchParameter(App app);

        @Protected(resource = APP, action = UPDATE)
        void justificationNotString(@Justification int why);

        @Protected(resource = APP, action = UPDATE)
        void twoJustifications(@Justification String a, @Justification String b);

        @Protected(resource = APP, action = UPDATE)
        void urgentNotBoolean(@Urgent String u);

        @Protected(resource = CUSTOM, action = UPDATE)
        void customWithoutName(String id);

        @Protected(resource = APP, customResource = "x", action = UPDATE)
        void nameWithoutCustom(String id);

        @Protected(resource = APP, action = UPDATE, platform = Platform.IOS, platformFrom = "app.platform")
        void twoPlatforms(App app);

        @Protected(resource = APP, action = UPDATE, platformFrom = "app.name.length")
        void platformNotAPlatform(App app);
    }

    static Method m(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }

    @Test
    void describe_readsObjectIdPlatformJustificationUrgentAndScopeTags() {
        ProtectedMethod pm = ProtectedMethods.describe(m(Good.class, "update"));
        Object[] args = {new App("app-1", "Notes", Platform.WINDOWS, List.of()), "CHG-1", true};

        ResourceRef r = pm.resource(args);
        assertThat(r.key()).isEqualTo("APP/app-1");
        assertThat(r.platform()).isEqualTo(Platform.WINDOWS);
        assertThat(r.scopeTags()).containsExactly("emea");
        assertThat(pm.justification(args)).contains("CHG-1");
        assertThat(pm.urgent(args)).isTrue();
        assertThat(pm.justificationIndex()).isEqualTo(1);
        assertThat(pm.urgentIndex()).isEqualTo(2);
    }

    @Test
    void paths_walkArgNPublicFieldsAndGetters() {
        ProtectedMethod pm = ProtectedMethods.describe(m(Good.class, "nested"));
        ResourceRef r = pm.resource(new Object[] {"x", new Holder(new Owner("acme"))});
        assertThat(r.objectId()).isEqualTo("acme");
        assertThat(r.platform()).isEqualTo(Platform.ANDROID);
        assertThat(pm.resource(new Object[] {"x", new Holder(null)}).objectId())
                .as("a null id falls back to the method")
                .contains("#nested(");
    }

    @Test
    void defaults_firstIdLikeParameter_elseTheMethodIsTheObject() {
        assertThat(ProtectedMethods.describe(m(Good.class, "close"))
                        .resource(new Object[] {42L})
                        .key())
                .isEqualTo("CUSTOM:billing-account/42");
        assertThat(ProtectedMethods.describe(m(Good.class, "objectLess"))
                        .resource(new Object[] {null})
                        .objectId())
                .isEqualTo(Good.class.getName() + "#objectLess(" + App.class.getName() + ")");
    }

    @Test
    void describe_isCachedPerMethod() {
        assertThat(ProtectedMethods.describe(m(Good.class, "update")))
                .isSameAs(ProtectedMethods.describe(m(Good.class, "update")));
    }

    @Test
    void annotationMistakes_nameClassMethodAndAttribute() {
        assertThatThrownBy(() -> ProtectedMethods.describe(m(Bad.class, "typo")))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining(Bad.class.getName() + "#typo(")
                .hasMessageContaining("objectId = \"app.idx\"")
                .hasMessageContaining("no property 'idx'");
        assertThatThrownBy(() -> ProtectedMethods.describe(m(Bad.class, "noSuchParameter")))
                .hasMessageContaining("no parameter is named 'application'");
        assertThatThrownBy(() -> ProtectedMethods.describe(m(Bad.class, "justificationNotString")))
                .isInstanceOf(MaaConfigurationException.class)
                .hasMessageContaining("@Justification")
                .hasMessageContaining("justificationNotString");
        assertThatThrownBy(() -> ProtectedMethods.describe(m(Bad.class, "twoJustifications")))
                .hasMessageContaining("only one parameter");
        assertThatThrownBy(() -> ProtectedMethods.describe(m(Bad.class, "urgentNotBoolean")))
                .hasMessageContaining("@Urgent");
        assertThatThrownBy(() -> ProtectedMethods.describe(m(Bad.class, "customWithoutName")))
                .hasMessageContaining("customResource");
        assertThatThrownBy(() -> ProtectedMethods.describe(m(Bad.class, "nameWithoutCustom")))
                .hasMessageContaining("only allowed with resource = CUSTOM");
        assertThatThrownBy(() -> ProtectedMethods.describe(m(Bad.class, "twoPlatforms")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ProtectedMethods.describe(m(Bad.class, "platformNotAPlatform")))
                .hasMessageContaining("platformFrom");
    }

    @Test
    void describeAll_reportsTheFirstMistakeOfAClass_andNothingForAGoodOne() {
        assertThat(ProtectedMethods.describeAll(Good.class)).hasSize(4);
        assertThatThrownBy(() -> ProtectedMethods.describeAll(Bad.class)).isInstanceOf(MaaConfigurationException.class);
        assertThatThrownBy(() -> ProtectedMethods.describe(Object.class.getMethod("toString")))
                .hasMessageContaining("no @Protected");
    }

    @Test
    void annotationOnTheInterface_protectsTheImplementation() throws Exception {
        Method impl = RecordingAppAdmin.class.getMethod("deleteApp", String.class);
        ProtectedMethod pm = ProtectedMethods.describe(impl);
        assertThat(pm.operation().className()).isEqualTo(RecordingAppAdmin.class.getName());
        assertThat(ProtectedMethods.find(RecordingAppAdmin.class.getMethod("countApps")))
                .isEmpty();
    }

    @Test
    void aMisannotatedMethod_failsClosedOnEveryCall_andNeverRuns() {
        MaaEngine engine =
                Fixtures.engine(new TestClock(), Fixtures.directory()).build();
        Method typo = m(Bad.class, "typo");
        try (var who = Maa.actingAs(Fixtures.ALICE)) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> engine.gatekeeper()
                                .check(typo, null, new Object[] {new App("a", "n", Platform.IOS, List.of())}))
                        .isInstanceOf(MaaConfigurationException.class);
            }
        }
        assertThatThrownBy(() -> engine.protect(Bad.class, (Bad) java.lang.reflect.Proxy.newProxyInstance(
                        Bad.class.getClassLoader(), new Class<?>[] {Bad.class}, (p, mm, a) -> null)))
                .isInstanceOf(MaaConfigurationException.class);
        assertThat(engine.protect(AppAdmin.class, new RecordingAppAdmin())).isNotNull();
    }
}
