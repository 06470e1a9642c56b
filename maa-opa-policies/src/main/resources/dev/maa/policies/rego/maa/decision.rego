# Built-in MAA access-policy decision: data.maa.decision.
#
# Reads the access policies at data.maa_config (normalized by maa-opa-policies from
# access-policies.yaml) and the call at input (principal, resource, action, operation,
# justification, emergency, urgent, time). Custom rules extend it through
# data.maa.custom.factors (extra approval factors) and data.maa.custom.deny (deny reasons).
# The rules are documented in maa-opa-policies/README.md.
package maa

import rego.v1

config := data.maa_config

# ---- which access policies match the call -------------------------------------------

type_matches(p) if p.resource_type == input.resource.type

# a CUSTOM policy without custom_resource covers every custom resource
type_matches(p) if {
	p.resource_type == "CUSTOM"
	startswith(input.resource.type, "CUSTOM:")
}

platform_matches(p) if p.platforms == "all"

platform_matches(p) if {
	p.platforms == "windows"
	input.resource.platform == "windows"
}

# an unspecified platform is neither windows nor non-windows: only "all" matches it
platform_matches(p) if {
	p.platforms == "non_windows"
	not input.resource.platform in {"windows", "unspecified"}
}

action_matches(p) if count(p.actions) == 0

action_matches(p) if input.action in p.actions

scope_matches(p) if count(p.scope_tags) == 0

scope_matches(p) if {
	some tag in p.scope_tags
	tag in input.resource.scope_tags
}

applies(p) if {
	type_matches(p)
	platform_matches(p)
	action_matches(p)
	scope_matches(p)
}

# The access policies of one resource type: maa-opa-policies lists them by resource_type
# (access_policies_by_type), so a call visits only the policies of its own type; data without that
# list (written by hand) is searched whole.
policies_of_type(t) := object.get(config.access_policies_by_type, t, []) if {
	config.access_policies_by_type
} else := config.access_policies

# The policies that cover the call, enforced or in audit mode; a CUSTOM policy without
# custom_resource covers every custom resource.
applicable contains p if {
	some p in policies_of_type(input.resource.type)
	applies(p)
}

applicable contains p if {
	startswith(input.resource.type, "CUSTOM:")
	some p in policies_of_type("CUSTOM")
	applies(p)
}

# Only enforced policies decide; audit-mode ones are reported in `audit` below.
matching contains p if {
	some p in applicable
	not audit_mode(p)
}

approval_policies contains p if {
	some p in matching
	p.effect == "require_approval"
}

deny_policies contains p if {
	some p in matching
	p.effect == "deny"
}

allow_policies contains p if {
	some p in matching
	p.effect == "allow"
	principal_allowed(p)
}

# allow policies that match the call but not the caller, to explain a default deny
allow_policies_not_for_caller contains p if {
	some p in matching
	p.effect == "allow"
	not principal_allowed(p)
}

principal_allowed(p) if {
	count(p.allow_principals) == 0
	count(p.allow_groups) == 0
}

principal_allowed(p) if input.principal.id in p.allow_principals

principal_allowed(p) if {
	some g in p.allow_groups
	g in input.principal.groups
}

# ---- factors, deny reasons, break-glass ----------------------------------------------

policy_factors contains factor if {
	some p in approval_policies
	count(object.get(p, "stages", [])) == 0
	factor := {
		"policy": p.name,
		"approver_groups": p.approver_groups,
		"required_approvals": p.required_approvals,
		"approval_assurance": object.get(p, "approval_assurance", "session"),
		"escalation_groups": escalation_of(p),
		"remind_after": object.get(p, "remind_after", null),
		"escalate_after": escalate_after_of(p),
	}
}

# The groups escalation adds to a policy's own factors (none to another policy's): its escalation_groups if it escalates.
escalation_of(p) := sort(p.escalation_groups) if {
	object.get(p, "escalate_after_seconds", 0) > 0
} else := []

# When a policy's own factors escalate (each factor keeps its policy's timing; null: never).
escalate_after_of(p) := p.escalate_after if {
	object.get(p, "escalate_after_seconds", 0) > 0
} else := null

# A staged policy gives one factor per factor of each stage; stage n+1 takes approvals once stage n is met.
policy_factors contains factor if {
	some p in approval_policies
	some i, stage in object.get(p, "stages", [])
	some f in stage.factors
	factor := {
		"policy": sprintf("%s / %s", [p.name, stage.name]),
		"approver_groups": f.approver_groups,
		"required_approvals": f.required_approvals,
		"approval_assurance": object.get(p, "approval_assurance", "session"),
		"stage": i + 1,
		"escalation_groups": escalation_of(p),
		"remind_after": object.get(p, "remind_after", null),
		"escalate_after": escalate_after_of(p),
	}
}

# Extension point: package maa.custom may add factors (same shape as above).
custom_factors contains factor if {
	some factor in data.maa.custom.factors
}

factors := policy_factors | custom_factors

deny_reasons contains reason if {
	some p in deny_policies
	reason := sprintf("Access policy '%s' denies %s on %s", [p.name, input.action, input.resource.type])
}

# Extension point: package maa.custom may deny with a reason.
deny_reasons contains reason if {
	some reason in data.maa.custom.deny
}

break_glass_principal if input.principal.id in config.break_glass.principals

break_glass_justified if not config.break_glass.justification_required

break_glass_justified if input.justification != ""

# Eligible for break-glass: a configured emergency principal, flagged emergency, justified.
default break_glass := false

break_glass if {
	input.emergency == true
	break_glass_principal
	break_glass_justified
}

# ---- the decision --------------------------------------------------------------------

# Precedence: deny > require approval > allow policy > default_effect. Break-glass does not change
# the effect: the gatekeeper (maa-core BreakGlass) lets an eligible emergency call run at once and
# parks it for post-emergency review by the approvers of these very factors.
effect := "deny" if {
	count(deny_reasons) > 0
} else := "require_approval" if {
	count(factors) > 0
} else := "allow" if {
	count(allow_policies) > 0
} else := "allow" if {
	# only audit-mode policies cover the call: it runs, and they say what they would have done
	count(audit) > 0
} else := config.default_effect

decided_by_default if {
	count(deny_reasons) == 0
	count(factors) == 0
	count(allow_policies) == 0
	count(audit) == 0
}

default decision_factors := set()

decision_factors := factors if effect == "require_approval"

# The shortest ttl of the matching approval policies; urgent calls use urgent_ttl where set.
policy_ttl(p) := [p.urgent_ttl_seconds, p.urgent_ttl] if {
	input.urgent == true
	p.urgent_ttl_seconds > 0
}

policy_ttl(p) := [p.ttl_seconds, p.ttl] if {
	not urgent_ttl_applies(p)
	p.ttl_seconds > 0
}

urgent_ttl_applies(p) if {
	input.urgent == true
	p.urgent_ttl_seconds > 0
}

ttl_candidates contains policy_ttl(p) if some p in approval_policies

ttl_seconds_candidates contains seconds if {
	some pair in ttl_candidates
	seconds := pair[0]
}

shortest_ttl_seconds := min(ttl_seconds_candidates)

default ttl := null

ttl := text if {
	effect == "require_approval"
	some pair in ttl_candidates
	pair[0] == shortest_ttl_seconds
	text := pair[1]
}

# The shortest of a duration field of the matching approval policies (one text if two spell it differently).
shortest_duration(field, seconds) := text if {
	pairs := {[p[seconds], p[field]] | some p in approval_policies; object.get(p, seconds, 0) > 0}
	count(pairs) > 0
	shortest := min({pair[0] | some pair in pairs})
	text := min({pair[1] | some pair in pairs; pair[0] == shortest})
}

# How long an approved request stays runnable: the shortest execution_window of the matching approval policies.
default execution_window := null

execution_window := shortest_duration("execution_window", "execution_window_seconds") if effect == "require_approval"

# Reminders and escalation fire per factor, at each factor's own remind_after and escalate_after (above); these
# summarise them for the views (and are the one schedule of engines that read no per-factor timing): the shortest
# remind_after, the shortest escalate_after, and the escalation_groups of every matching policy that escalates.
default remind_after := null

remind_after := shortest_duration("remind_after", "remind_after_seconds") if effect == "require_approval"

default escalate_after := null

escalate_after := shortest_duration("escalate_after", "escalate_after_seconds") if effect == "require_approval"

escalation_groups := sort([g | some g in {g | some p in approval_policies; object.get(p, "escalate_after_seconds", 0) > 0; some g in p.escalation_groups}])

# auto only when every matching approval policy says auto
default completion := "manual"

completion := "auto" if {
	effect == "require_approval"
	count(approval_policies) > 0
	every p in approval_policies {
		p.completion == "auto"
	}
}

default justification_required := false

justification_required if {
	some p in matching
	p.justification_required == true
}

justification_required if {
	input.emergency == true
	break_glass_principal
	config.break_glass.justification_required == true
}

default post_review_required := false

post_review_required if {
	break_glass
	config.break_glass.post_review_required == true
}

# ---- reasons -------------------------------------------------------------------------

reasons contains reason if {
	some reason in deny_reasons
}

reasons contains reason if {
	break_glass
	reason := sprintf("Break-glass: %s may run this emergency call on %s %s without approval; it is recorded for post-emergency review", [input.principal.id, input.resource.type, input.action])
}

reasons contains reason if {
	input.emergency == true
	break_glass_principal
	not break_glass_justified
	reason := "Break-glass needs a justification: give one (Maa.justify(...)) to act without approval"
}

reasons contains reason if {
	input.emergency == true
	not break_glass_principal
	reason := sprintf("%s is not a break-glass principal; the emergency flag was ignored", [input.principal.id])
}

reasons contains reason if {
	effect == "require_approval"
	some f in factors
	reason := sprintf("Access policy '%s' requires %d approval(s) from %s", [f.policy, f.required_approvals, concat(", ", f.approver_groups)])
}

reasons contains reason if {
	effect == "allow"
	some p in allow_policies
	reason := sprintf("Allowed by access policy '%s'", [p.name])
}

reasons contains reason if {
	decided_by_default
	some p in allow_policies_not_for_caller
	reason := sprintf("Access policy '%s' allows %s on %s only for groups [%s] and principals [%s]", [p.name, input.action, input.resource.type, concat(", ", p.allow_groups), concat(", ", p.allow_principals)])
}

reasons contains reason if {
	decided_by_default
	reason := sprintf("No access policy covers %s on %s '%s' (platform %s); default_effect is %s. To change that, add an access policy with profile_type %s and actions [%s] to access-policies.yaml, then run 'maa policy test' and 'maa policy push'", [input.action, input.resource.type, input.resource.id, input.resource.platform, config.default_effect, input.resource.type, input.action])
}

# ---- enforcement modes (docs/rollout.md) -------------------------------------------------

enforcement_of(p) := object.get(p, "enforcement", "default")

audit_mode(p) if enforcement_of(p) == "audit"

# What each matching audit-mode policy would have done; the gatekeeper records it and lets the call run.
audit contains finding if {
	some p in applicable
	audit_mode(p)
	p.effect == "require_approval"
	finding := {
		"policy": p.name,
		"effect": "require_approval",
		"approver_groups": p.approver_groups,
		"required_approvals": p.required_approvals,
		"approval_assurance": object.get(p, "approval_assurance", "session"),
	}
}

audit contains finding if {
	some p in applicable
	audit_mode(p)
	p.effect == "deny"
	finding := {"policy": p.name, "effect": "deny"}
}

# A policy that says `enforcement: enforce`, or a custom rule, decided: no operator default audits the call.
default enforcement_pinned := false

enforcement_pinned if {
	some p in matching
	p.effect != "allow"
	enforcement_of(p) == "enforce"
}

enforcement_pinned if count(custom_factors) > 0

enforcement_pinned if {
	some reason in data.maa.custom.deny
}

reasons contains reason if {
	some finding in audit
	reason := sprintf("Access policy '%s' is in audit mode: it would %s; the call is not blocked by it", [finding.policy, replace(finding.effect, "_", " ")])
}

decision := {
	"effect": effect,
	"factors": decision_factors,
	"ttl": ttl,
	"completion": completion,
	"justification_required": justification_required,
	"reasons": reasons,
	"break_glass": break_glass,
	"post_review_required": post_review_required,
	"execution_window": execution_window,
	"remind_after": remind_after,
	"escalate_after": escalate_after,
	"escalation_groups": escalation_groups,
	"audit": audit,
	"enforcement_pinned": enforcement_pinned,
}
