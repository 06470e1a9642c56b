package dev.maa.policies;

import dev.maa.policies.internal.AccessPoliciesEditor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One change to a policy set, as the console, REST and CLI make it: put or delete one access policy, put or delete
 * one custom Rego module. Applying an edit yields a complete new {@link PolicySet}, which is then pushed like any
 * other ({@link PolicyService#edit}), so an edit made in the console parks the same {@code ACCESS_POLICY} request as
 * {@code maa policy push}, and approvers see the whole set's diff.
 *
 * <p>A policy is given as the object its {@code access_policies} entry holds (the data file's field names:
 * {@code name}, {@code profile_type}, {@code approver_groups}, ...). Edits do not validate it: the edited set is
 * validated by the one reader of data files, so the problems name the edited file's {@code line:col}.
 */
public sealed interface PolicyEdit {

    /** The set with this edit applied; refuses an edit that names a policy or module the set does not have. */
    PolicySet applyTo(PolicySet set);

    /** Applies {@code edits} in order. */
    static PolicySet applyAll(PolicySet set, List<PolicyEdit> edits) {
        PolicySet out = set;
        for (PolicyEdit e : edits) {
            out = e.applyTo(out);
        }
        return out;
    }

    /**
     * The access policies of {@code set} as its data file writes them (field names of the file, nothing normalized
     * or added), the starting point of an edit: a form that shows some fields keeps the others as they are.
     */
    static List<Map<String, Object>> entries(PolicySet set) {
        String file = dataFile(set);
        return set.files().containsKey(file)
                ? AccessPoliciesEditor.entries(file, set.files().get(file))
                : List.of();
    }

    /**
     * Creates ({@code name} empty) or replaces (and may rename) the access policy {@code name}.
     *
     * @param name   the policy replaced, or empty to add {@code policy} as a new one
     * @param policy the entry, with the data file's field names
     */
    record PutPolicy(String name, Map<String, Object> policy) implements PolicyEdit {
        public PutPolicy {
            name = name == null ? "" : name;
            policy = new LinkedHashMap<>(Objects.requireNonNull(policy, "policy"));
        }

        @Override
        public PolicySet applyTo(PolicySet set) {
            String file = dataFile(set);
            String content = set.files().getOrDefault(file, "");
            Object newName = policy.get("name");
            if (!(newName instanceof String n) || n.isBlank()) {
                throw PolicyEditException.invalid("name", "Give the policy a name (a non-empty string).");
            }
            OptionalInt taken = AccessPoliciesEditor.indexOf(file, content, n);
            int index = -1;
            if (!name.isEmpty()) {
                index = AccessPoliciesEditor.indexOf(file, content, name)
                        .orElseThrow(() -> PolicyEditException.noPolicy(name));
            }
            if (taken.isPresent() && taken.getAsInt() != index) {
                throw PolicyEditException.nameTaken(n);
            }
            return with(set, file, AccessPoliciesEditor.edit(file, content, index, policy));
        }
    }

    /** Removes the access policy {@code name}. */
    record DeletePolicy(String name) implements PolicyEdit {
        public DeletePolicy {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public PolicySet applyTo(PolicySet set) {
            String file = dataFile(set);
            String content = set.files().getOrDefault(file, "");
            int index = AccessPoliciesEditor.indexOf(file, content, name)
                    .orElseThrow(() -> PolicyEditException.noPolicy(name));
            return with(set, file, AccessPoliciesEditor.edit(file, content, index, null));
        }
    }

    /** Creates or replaces the custom Rego module (or its test) at {@code path}. */
    record PutModule(String path, String content) implements PolicyEdit {
        public PutModule {
            requireRego(path);
            Objects.requireNonNull(content, "content");
        }

        @Override
        public PolicySet applyTo(PolicySet set) {
            return with(set, path, content);
        }
    }

    /** Removes the custom Rego module at {@code path}. */
    record DeleteModule(String path) implements PolicyEdit {
        public DeleteModule {
            requireRego(path);
        }

        @Override
        public PolicySet applyTo(PolicySet set) {
            if (!set.files().containsKey(path)) {
                throw PolicyEditException.noModule(path);
            }
            return with(set, path, null);
        }
    }

    private static String dataFile(PolicySet set) {
        return set.dataFile().orElse(PolicySet.DATA_FILES.get(0));
    }

    private static PolicySet with(PolicySet set, String path, String content) {
        Map<String, String> files = new TreeMap<>(set.files());
        if (content == null) {
            files.remove(path);
        } else {
            files.put(path, content);
        }
        return PolicySet.of(files);
    }

    private static void requireRego(String path) {
        if (path == null || !path.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}\\.rego") || path.contains("..")) {
            throw PolicyEditException.invalid(
                    "path",
                    "A custom module is a relative path ending in .rego, of letters, digits, '.', '_', '-' and '/',"
                            + " without '..' (was '" + path + "').");
        }
    }
}
