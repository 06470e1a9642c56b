# Tests of data.maa.decision: every rule of decision.rego. Run with `maa policy test`
# (maa-rego's test runner) or `opa test`.
package maa_test

import rego.v1

import data.maa

win_apps := {
	"name": "Protect Windows apps", "description": "", "profile_type": "APP", "resource_type": "APP",
	"platforms": "windows", "actions": ["CREATE", "UPDATE", "ASSIGN", "DELETE"], "effect": "require_approval",
	"approver_groups": ["Desktop Change Approvers"], "required_approvals": 1,
	"ttl": "720h", "ttl_seconds": 2592000, "urgent_ttl": "4h", "urgent_ttl_seconds": 14400,
	"completion": "manual", "justification_required": true, "scope_tags": [],
	"allow_principals": [], "allow_groups": [],
}

mobile_apps := {
	"name": "Protect mobile apps", "description": "", "profile_type": "APP", "resource_type": "APP",
	"platforms": "non_windows", "actions": [], "effect": "require_approval",
	"approver_groups": ["Mobile Approvers"], "required_approvals": 1,
	"ttl": "24h", "ttl_seconds": 86400, "urgent_ttl": null, "urgent_ttl_seconds": 0,
	"completion": "auto", "justification_required": false, "scope_tags": [],
	"allow_principals": [], "allow_groups": [],
}

all_apps_auto := {
	"name": "All apps, auto", "description": "", "profile_type": "APP", "resource_type": "APP",
	"platforms": "all", "actions": ["DELETE"], "effect": "require_approval",
	"approver_groups": ["App Owners"], "required_approvals": 2,
	"ttl": "48h", "ttl_seconds": 172800, "urgent_ttl": null, "urgent_ttl_seconds": 0,
	"completion": "auto", "justification_required": false, "scope_tags": [],
	"allow_principals": [], "allow_groups": [],
}

eu_scripts := {
	"name": "EU scripts", "description": "", "profile_type": "SCRIPT", "resource_type": "SCRIPT",
	"platforms": "all", "actions": [], "effect": "require_approval",
	"approver_groups": ["EU Script Approvers"], "required_approvals": 1,
	"ttl": null, "ttl_seconds": 0, "urgent_ttl": null, "urgent_ttl_seconds": 0,
	"completion": "manual", "justification_required": false, "scope_tags": ["EU"],
	"allow_principals": [], "allow_groups": [],
}

billing := {
	"name": "Billing accounts", "description": "", "profile_type": "CUSTOM", "resource_type": "CUSTOM:billing",
	"platforms": "all", "actions": [], "effect": "require_approval",
	"approver_groups": ["Finance"], "required_approvals": 1,
	"ttl": null, "ttl_seconds": 0, "urgent_ttl": null, "urgent_ttl_seconds": 0,
	"completion": "manual", "justification_required": false, "scope_tags": [],
	"allow_principals": [], "allow_groups": [],
}

any_custom := {
	"name": "Any custom resource", "description": "", "profile_type": "CUSTOM", "resource_type": "CUSTOM",
	"platforms": "all", "actions": [], "effect": "require_approval",
	"approver_groups": ["Platform Team"], "required_approvals": 1,
	"ttl": null, "ttl_seconds": 0, "urgent_ttl": null, "urgent_ttl_seconds": 0,
	"completion": "manual", "justification_required": false, "scope_tags": [],
	"allow_principals": [], "allow_groups": [],
}

app_create_allowed := {
	"name": "App admins create apps", "description": "", "profile_type": "APP", "resource_type": "APP",
	"platforms": "all", "actions": ["CREATE"], "effect": "allow",
	"approver_groups": [], "required_approvals": 0,
	"ttl": null, "ttl_seconds": 0, "urgent_ttl": null, "urgent_ttl_seconds": 0,
	"completion": "manual", "justification_required": false, "scope_tags": [],
	"allow_principals": ["svc-deployer"], "allow_groups": ["App Admins"],
}

roles_denied := {
	"name": "No role deletion", "description": "", "profile_type": "ROLE", "resource_type": "ROLE",
	"platforms": "all", "actions": ["DELETE"], "effect": "deny",
	"approver_groups": [], "required_approvals": 0,
	"ttl": null, "ttl_seconds": 0, "urgent_ttl": null, "urgent_ttl_seconds": 0,
	"completion": "manual", "justification_required": false, "scope_tags": [],
	"allow_principals": [], "allow_groups": [],
}

cfg := {
	"access_policies": [win_apps, mobile_apps, all_apps_auto, eu_scripts, billing, app_create_allowed, roles_denied],
	"break_glass": {"principals": ["emergency-admin-1"], "justification_required": true, "post_review_required": true},
	"default_effect": "deny",
	"scope_tag_groups": {},
}

# the test inputs, built without object-editing builtins so the tests depend on few engine features
mk(principal, groups, type, action, platform, tags, emergency, justification, urgent) := {
	"principal": {"id": principal, "groups": groups, "roles": []},
	"resource": {"type": type, "id": "obj-1", "platform": platform, "scope_tags": tags},
	"action": action,
	"operation": {"class": "com.example.Svc", "method": "m", "digest": ""},
	"justification": justification,
	"emergency": emergency,
	"urgent": urgent,
	"time": "2026-01-01T00:00:00Z",
}

call(type, action, platform) := mk("alice", ["Helpdesk"], type, action, platform, [], false, "", false)

tagged(type, action, tags) := mk("alice", ["Helpdesk"], type, action, "windows", tags, false, "", false)

urgent(type, action, platform) := mk("alice", ["Helpdesk"], type, action, platform, [], false, "", true)

acting(principal, groups, type, action, platform) := mk(principal, groups, type, action, platform, [], false, "", false)

with_config(doc, c) := d if {
	d := maa.decision with input as doc with data.maa_config as c
}

bg_lenient := {"principals": ["emergency-admin-1"], "justification_required": false, "post_review_required": false}

decide(doc) := d if {
	d := maa.decision with input as doc with data.maa_config as cfg
}

has_factor(d, name) if {
	some f in d.factors
	f.policy == name
}

# ---- type / platform / action / scope matching ------------------------------------------

test_windows_app_update_requires_windows_approvers if {
	d := decide(call("APP", "UPDATE", "windows"))
	d.effect == "require_approval"
	count(d.factors) == 1
	has_factor(d, "Protect Windows apps")
	d.justification_required == true
	d.ttl == "720h"
}

test_platform_windows_does_not_match_ios if {
	d := decide(call("APP", "UPDATE", "ios"))
	count(d.factors) == 1
	has_factor(d, "Protect mobile apps")
}

test_platform_non_windows_does_not_match_unspecified if {
	d := decide(call("APP", "UPDATE", "unspecified"))
	d.effect == "deny"
}

test_platform_all_matches_unspecified if {
	d := decide(call("APP", "DELETE", "unspecified"))
	count(d.factors) == 1
	has_factor(d, "All apps, auto")
}

test_empty_actions_cover_every_action if {
	d := decide(call("APP", "RESTART", "android"))
	count(d.factors) == 1
	has_factor(d, "Protect mobile apps")
}

test_action_not_listed_is_not_covered if {
	d := decide(call("APP", "DEPLOY", "windows"))
	d.effect == "deny"
}

test_scope_tagged_policy_needs_a_matching_resource_tag if {
	untagged := decide(call("SCRIPT", "DEPLOY", "windows"))
	untagged.effect == "deny"
	fd := decide(tagged("SCRIPT", "DEPLOY", ["EU", "HR"]))
	count(fd.factors) == 1
	has_factor(fd, "EU scripts")
}

test_custom_resource_policy_matches_its_name_only if {
	fd := decide(call("CUSTOM:billing", "UPDATE", "unspecified"))
	count(fd.factors) == 1
	has_factor(fd, "Billing accounts")
	decide(call("CUSTOM:payroll", "UPDATE", "unspecified")).effect == "deny"
}

test_custom_policy_without_name_matches_every_custom_resource if {
	c := {"access_policies": [any_custom], "break_glass": cfg.break_glass, "default_effect": "deny", "scope_tag_groups": {}}
	d := with_config(call("CUSTOM:payroll", "UPDATE", "unspecified"), c)
	count(d.factors) == 1
	has_factor(d, "Any custom resource")
}

# maa-opa-policies lists the policies by resource_type too (access_policies_by_type): the same decisions,
# visiting only the policies of the call's type (and of CUSTOM for a custom resource).
by_type(ps) := {t: [p | some p in ps; p.resource_type == t] | some q in ps; t := q.resource_type}

indexed_cfg := object.union(cfg, {"access_policies_by_type": by_type(cfg.access_policies)})

test_policies_by_type_decide_as_the_whole_list if {
	calls := [
		call("APP", "UPDATE", "windows"), call("APP", "DELETE", "ios"), acting("carol", ["App Admins"], "APP", "CREATE", "windows"),
		tagged("SCRIPT", "DEPLOY", ["EU"]), call("CUSTOM:billing", "UPDATE", "unspecified"),
		call("CUSTOM:payroll", "UPDATE", "unspecified"), call("ROLE", "DELETE", "all"), call("DEVICE_ACTION", "WIPE", "windows"),
	]
	every doc in calls {
		with_config(doc, indexed_cfg) == decide(doc)
	}
	c := {"access_policies": [any_custom], "access_policies_by_type": by_type([any_custom]), "break_glass": cfg.break_glass, "default_effect": "deny", "scope_tag_groups": {}}
	has_factor(with_config(call("CUSTOM:payroll", "UPDATE", "unspecified"), c), "Any custom resource")
}

test_policies_by_type_are_the_policies_a_call_visits if {
	c := object.union(cfg, {"access_policies_by_type": {"APP": [all_apps_auto]}})
	d := with_config(call("APP", "DELETE", "windows"), c)
	count(d.factors) == 1
	has_factor(d, "All apps, auto")
	with_config(call("ROLE", "DELETE", "all"), c).effect == "deny"
	not has_factor(with_config(call("SCRIPT", "DEPLOY", "all"), c), "EU scripts")
}

# ---- several policies: factors, ttl, completion ------------------------------------------

test_several_matching_policies_each_become_a_factor if {
	d := decide(call("APP", "DELETE", "windows"))
	d.effect == "require_approval"
	count(d.factors) == 2
	has_factor(d, "Protect Windows apps")
	has_factor(d, "All apps, auto")
	some f in d.factors
	f.policy == "All apps, auto"
	f.required_approvals == 2
	f.approver_groups == ["App Owners"]
}

test_shortest_ttl_applies if {
	d := decide(call("APP", "DELETE", "android"))
	count(d.factors) == 2
	has_factor(d, "Protect mobile apps")
	has_factor(d, "All apps, auto")
	d.ttl == "24h"
}

test_urgent_request_uses_urgent_ttl if {
	decide(urgent("APP", "UPDATE", "windows")).ttl == "4h"
}

test_urgent_without_urgent_ttl_keeps_ttl if {
	decide(urgent("APP", "UPDATE", "ios")).ttl == "24h"
}

test_no_ttl_in_any_policy_gives_null if {
	decide(tagged("SCRIPT", "DEPLOY", ["EU"])).ttl == null
}

test_completion_auto_only_if_every_policy_says_auto if {
	decide(call("APP", "DELETE", "android")).completion == "auto"
	decide(call("APP", "DELETE", "windows")).completion == "manual"
}

test_reasons_name_each_factor if {
	d := decide(call("APP", "DELETE", "android"))
	"Access policy 'All apps, auto' requires 2 approval(s) from App Owners" in d.reasons
	"Access policy 'Protect mobile apps' requires 1 approval(s) from Mobile Approvers" in d.reasons
}

# ---- allow, deny, default -----------------------------------------------------------------

test_allow_policy_lets_listed_group_run_directly if {
	d := decide(acting("bob", ["App Admins"], "APP", "CREATE", "unspecified"))
	d.effect == "allow"
	count(d.factors) == 0
	"Allowed by access policy 'App admins create apps'" in d.reasons
}

test_allow_policy_lets_listed_principal_run_directly if {
	decide(acting("svc-deployer", [], "APP", "CREATE", "unspecified")).effect == "allow"
}

test_allow_policy_for_others_falls_back_to_default_and_says_why if {
	d := decide(call("APP", "CREATE", "unspecified"))
	d.effect == "deny"
	"Access policy 'App admins create apps' allows CREATE on APP only for groups [App Admins] and principals [svc-deployer]" in d.reasons
}

test_approval_wins_over_allow if {
	d := decide(acting("bob", ["App Admins"], "APP", "CREATE", "windows"))
	d.effect == "require_approval"
	count(d.factors) == 1
	has_factor(d, "Protect Windows apps")
}

test_deny_policy_denies_with_its_name if {
	d := decide(call("ROLE", "DELETE", "unspecified"))
	d.effect == "deny"
	count(d.factors) == 0
	"Access policy 'No role deletion' denies DELETE on ROLE" in d.reasons
}

test_no_matching_policy_denies_with_how_to_add_one if {
	d := decide(call("DEVICE_ACTION", "WIPE", "windows"))
	d.effect == "deny"
	count(d.factors) == 0
	d.ttl == null
	some r in d.reasons
	indexof(r, "No access policy covers WIPE on DEVICE_ACTION 'obj-1'") >= 0
	indexof(r, "add an access policy with profile_type DEVICE_ACTION and actions [WIPE] to access-policies.yaml") >= 0
}

test_default_effect_allow_allows_uncovered_calls if {
	c := {"access_policies": cfg.access_policies, "break_glass": cfg.break_glass, "default_effect": "allow", "scope_tag_groups": {}}
	d := with_config(call("DEVICE_ACTION", "WIPE", "windows"), c)
	d.effect == "allow"
	some r in d.reasons
	indexof(r, "default_effect is allow") >= 0
}

test_justification_not_required_when_no_policy_asks if {
	decide(call("APP", "DELETE", "android")).justification_required == false
}

# ---- break-glass ----------------------------------------------------------------------------

emergency(principal, justification) := mk(principal, [], "APP", "DELETE", "windows", [], true, justification, false)

test_break_glass_principal_with_justification_is_eligible_and_reviewed_later if {
	d := decide(emergency("emergency-admin-1", "INC-7 outage"))
	d.break_glass == true
	d.post_review_required == true
	# the effect and factors stay: the gatekeeper runs the call and the approvers review it afterwards
	d.effect == "require_approval"
	has_factor(d, "Protect Windows apps")
	some r in d.reasons
	startswith(r, "Break-glass: emergency-admin-1 may run this emergency call")
}

test_break_glass_without_justification_needs_approval_and_says_so if {
	d := decide(emergency("emergency-admin-1", ""))
	d.effect == "require_approval"
	d.justification_required == true
	d.break_glass == false
	"Break-glass needs a justification: give one (Maa.justify(...)) to act without approval" in d.reasons
}

test_break_glass_justification_optional_when_configured if {
	c := {"access_policies": cfg.access_policies, "break_glass": bg_lenient, "default_effect": "deny", "scope_tag_groups": {}}
	d := with_config(emergency("emergency-admin-1", ""), c)
	d.break_glass == true
	d.justification_required == true
	d.post_review_required == false
}

test_emergency_flag_of_ordinary_principal_is_ignored if {
	d := decide(emergency("alice", "please"))
	d.effect == "require_approval"
	d.break_glass == false
	"alice is not a break-glass principal; the emergency flag was ignored" in d.reasons
}

# the gatekeeper's break-glass runs "whatever the policy says"; the policy reports eligibility
test_break_glass_is_reported_even_against_a_deny_policy if {
	d := decide(mk("emergency-admin-1", [], "ROLE", "DELETE", "unspecified", [], true, "INC-7", false))
	d.effect == "deny"
	d.break_glass == true
	"Access policy 'No role deletion' denies DELETE on ROLE" in d.reasons
	d.post_review_required == true
}

test_break_glass_without_emergency_flag_is_an_ordinary_call if {
	decide(acting("emergency-admin-1", [], "APP", "DELETE", "windows")).effect == "require_approval"
}

# ---- extension points --------------------------------------------------------------------

test_custom_factor_is_added_to_policy_factors if {
	extra := {"policy": "custom", "approver_groups": ["CISO"], "required_approvals": 1}
	d := maa.decision with input as call("APP", "UPDATE", "windows") with data.maa_config as cfg with data.maa.custom.factors as {extra}
	count(d.factors) == 2
	has_factor(d, "Protect Windows apps")
	has_factor(d, "custom")
}

test_custom_factor_alone_requires_approval if {
	extra := {"policy": "custom", "approver_groups": ["CISO"], "required_approvals": 1}
	d := maa.decision with input as call("DEVICE_ACTION", "WIPE", "windows") with data.maa_config as cfg with data.maa.custom.factors as {extra}
	d.effect == "require_approval"
	d.completion == "manual"
	d.ttl == null
}

test_custom_deny_wins if {
	d := maa.decision with input as call("APP", "UPDATE", "windows") with data.maa_config as cfg with data.maa.custom.deny as {"change freeze until Monday"}
	d.effect == "deny"
	count(d.factors) == 0
	"change freeze until Monday" in d.reasons
}
