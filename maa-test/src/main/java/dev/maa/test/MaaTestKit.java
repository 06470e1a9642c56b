package dev.maa.test;

import dev.maa.api.Directory;
import dev.maa.api.PolicyEngine;
import dev.maa.api.Principal;
import dev.maa.core.BreakGlass;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An MAA engine for tests: the policies under test, users in code, an in-memory store and a {@link TestClock}, and
 * fluent assertions over what happens to calls and requests.
 *
 * <pre>{@code
 * MaaTestKit maa = MaaTestKit.builder().policies(policies)
 *         .user("alice", "App Admins").user("bob", "App Approvers").build();
 * Apps apps = maa.protect(Apps.class, new AppsImpl());
 * ParkedRequest r = maa.call(() -> apps.deleteApp("42")).as("alice").justifiedBy("CHG-1").parks();
 * r.approvalBy("alice").isRefused();          // the requester never approves
 * r.approveAs("bob", "checked").completeAs("alice").ranExactlyOnce();
 * }</pre>
 */
public final class MaaTestKit {

    private final MaaEngine engine;
    private final TestClock clock;
    private final Directory directory;

    private MaaTestKit(MaaEngine engine, TestClock clock, Directory directory) {
        this.engine = engine;
        this.clock = clock;
        this.directory = directory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A kit over an engine built elsewhere (a Spring context with {@code @MaaTest}), whose clock is {@code clock}.
     */
    public static MaaTestKit of(MaaEngine engine, TestClock clock, Directory directory) {
        return new MaaTestKit(
                Objects.requireNonNull(engine, "engine"),
                Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(directory, "directory"));
    }

    public MaaEngine engine() {
        return engine;
    }

    public TestClock clock() {
        return clock;
    }

    /** {@code impl} behind a proxy that enforces {@code @Protected} ({@link MaaEngine#protect}). */
    public <T> T protect(Class<T> type, T impl) {
        return engine.protect(type, impl);
    }

    /** Starts an assertion about one protected call; say who makes it with {@link CallAssert#as}. */
    public CallAssert call(CallAssert.Call call) {
        return new CallAssert(this, call);
    }

    /** Assertions about an existing request. */
    public ParkedRequest request(String requestId) {
        return new ParkedRequest(this, requestId);
    }

    /** Moves the clock forward and runs the expiry sweep; returns how many requests expired. */
    public int travel(Duration d) {
        clock.advance(d);
        return engine.approvals().expireDue();
    }

    /** The principal {@code id} as the directory knows it (its groups), else with no groups. */
    Principal principal(String id) {
        return directory.find(id).orElseGet(() -> Principal.of(id));
    }

    /** Configures a kit; {@link #policies} is required. */
    public static final class Builder {
        private PolicyEngine policies;
        private final StaticDirectory.Builder users = StaticDirectory.builder();
        private Directory directory;
        private final List<String> packages = new ArrayList<>();
        private BreakGlass breakGlass = BreakGlass.disabled();
        private Instant start = TestClock.DEFAULT_START;

        private Builder() {}

        /** The policy engine under test (Rego from maa-opa-policies, or a RuleBasedPolicyEngine). */
        public Builder policies(PolicyEngine value) {
            policies = Objects.requireNonNull(value, "policies");
            return this;
        }

        /** A user and the groups it is in (the directory reviews are checked against). */
        public Builder user(String id, String... groups) {
            users.user(id, groups);
            return this;
        }

        /** A directory of your own instead of {@link #user}. */
        public Builder directory(Directory value) {
            directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        /** Packages whose records and POJOs may be parked as arguments. */
        public Builder allowPackages(String... names) {
            packages.addAll(List.of(names));
            return this;
        }

        public Builder breakGlass(BreakGlass value) {
            breakGlass = Objects.requireNonNull(value, "breakGlass");
            return this;
        }

        /** Where the clock starts; default {@link TestClock#DEFAULT_START}. */
        public Builder startingAt(Instant value) {
            start = Objects.requireNonNull(value, "start");
            return this;
        }

        public MaaTestKit build() {
            if (policies == null) {
                throw new IllegalStateException("MaaTestKit.builder(): policies(...) is required: the policy engine"
                        + " under test, e.g. EmbeddedRegoPolicyEngine.builder().directory(...).build()");
            }
            TestClock clock = new TestClock(start);
            Directory dir = directory != null ? directory : users.build();
            MaaEngine engine = MaaEngine.builder()
                    .policyEngine(policies)
                    .store(new InMemoryRequestStore())
                    .directory(dir)
                    .clock(clock)
                    .breakGlass(breakGlass)
                    .allowPackages(packages.toArray(String[]::new))
                    .build();
            return new MaaTestKit(engine, clock, dir);
        }
    }
}
