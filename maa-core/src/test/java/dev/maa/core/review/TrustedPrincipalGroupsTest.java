package dev.maa.core.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maa.api.ApprovalRequiredException;
import dev.maa.api.Maa;
import dev.maa.api.Principal;
import dev.maa.api.ReviewNotAllowedException;
import dev.maa.api.Status;
import dev.maa.core.MaaEngine;
import dev.maa.core.directory.StaticDirectory;
import dev.maa.core.store.InMemoryRequestStore;
import dev.maa.core.testing.AppAdmin;
import dev.maa.core.testing.Fixtures;
import dev.maa.core.testing.RecordingAppAdmin;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Who counts as an approver when the reviewer's principal carries groups (a verified token's claims, an application's
 * roles): only the directory, unless the engine was told to trust the principal's groups ({@code
 * auth.trust_token_groups} in {@code maa serve}, issue 16). Trusted groups never let a requester review their own
 * request, under any spelling.
 */
class TrustedPrincipalGroupsTest {

    private final AtomicReference<Principal> caller = new AtomicReference<>();

    private MaaEngine engine(boolean trusted) {
        return MaaEngine.builder()
                .policyEngine(Fixtures.policy())
                // the directory knows alice as a requester only, and nothing of dave
                .directory(StaticDirectory.builder().user("alice").build())
                .reviewerGroupsFromPrincipal(trusted)
                .allowPackages("dev.maa.core.testing.model")
                .store(new InMemoryRequestStore())
                .principalProvider(() -> Optional.ofNullable(caller.get()))
                .build();
    }

    private String park(MaaEngine engine) {
        caller.set(Principal.of("alice"));
        AppAdmin apps = engine.protect(AppAdmin.class, new RecordingAppAdmin());
        try (var why = Maa.justify("CHG-1 retire the app")) {
            apps.deleteApp("app-1");
        } catch (ApprovalRequiredException e) {
            return e.requestId();
        }
        throw new AssertionError("the call ran instead of being parked");
    }

    @Test
    void approve_withGroupsOnlyInThePrincipal_isRefused_byDefault() {
        MaaEngine engine = engine(false);
        String id = park(engine);
        assertThatThrownBy(() -> engine.approvals().approve(id, Principal.of("dave", Fixtures.APP_APPROVERS), "ok"))
                .isInstanceOf(ReviewNotAllowedException.class);
        assertThat(engine.approvals().get(id).status()).isEqualTo(Status.NEEDS_APPROVAL);
    }

    @Test
    void approve_withGroupsOnlyInThePrincipal_counts_whenTheEngineTrustsThem() {
        MaaEngine engine = engine(true);
        String id = park(engine);
        engine.approvals().approve(id, Principal.of("dave", Fixtures.APP_APPROVERS), "ok");
        assertThat(engine.approvals().get(id).status()).isEqualTo(Status.APPROVED);
    }

    @Test
    void approve_ofTheirOwnRequest_withTrustedGroups_isRefused_underAnySpelling() {
        MaaEngine engine = engine(true);
        String id = park(engine);
        for (String spelling : new String[] {"alice", "ALICE", "ａｌｉｃｅ"}) {
            assertThatThrownBy(() ->
                            engine.approvals().approve(id, Principal.of(spelling, Fixtures.APP_APPROVERS), "self"))
                    .as(spelling)
                    .isInstanceOf(ReviewNotAllowedException.class);
        }
        assertThat(engine.approvals().get(id).reviews()).isEmpty();
    }
}
