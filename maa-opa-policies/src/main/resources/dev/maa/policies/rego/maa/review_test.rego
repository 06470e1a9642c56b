# Tests of data.maa.review.allowed and data.maa.review.reasons.
package maa_review_test

import rego.v1

import data.maa.review

factors := [
	{"policy": "Protect Windows apps", "approver_groups": ["Desktop Change Approvers"], "required_approvals": 1},
	{"policy": "All apps", "approver_groups": ["App Owners"], "required_approvals": 2},
]

req(fs, tags) := {
	"id": "req-1",
	"requester": "alice",
	"resource": {"type": "APP", "id": "app-42", "platform": "windows", "scope_tags": tags},
	"action": "DELETE",
	"factors": fs,
	"scope_tags": tags,
	"emergency": false,
	"urgent": false,
}

cfg := {
	"access_policies": [],
	"break_glass": {"principals": [], "justification_required": true, "post_review_required": true},
	"default_effect": "deny",
	"scope_tag_groups": {"EU": ["EU Admins"]},
}

allowed(reviewer, request) := a if {
	a := review.allowed with input as {"reviewer": reviewer, "request": request} with data.maa_config as cfg
}

reasons(reviewer, request) := r if {
	r := review.reasons with input as {"reviewer": reviewer, "request": request} with data.maa_config as cfg
}

test_member_of_a_factor_group_holding_the_tag_may_review if {
	bob := {"id": "bob", "groups": ["App Owners"], "scope_tags": ["EU"]}
	allowed(bob, req(factors, ["EU"])) == true
	count(reasons(bob, req(factors, ["EU"]))) == 0
}

test_scope_tag_held_through_a_group if {
	allowed({"id": "bob", "groups": ["Desktop Change Approvers", "EU Admins"]}, req(factors, ["EU"])) == true
}

test_requester_never_reviews_own_request if {
	alice := {"id": "alice", "groups": ["App Owners"], "scope_tags": ["EU"]}
	allowed(alice, req(factors, ["EU"])) == false
	"the requester cannot review their own request" in reasons(alice, req(factors, ["EU"]))
}

test_non_member_may_not_review if {
	carol := {"id": "carol", "groups": ["Helpdesk"], "scope_tags": ["EU"]}
	allowed(carol, req(factors, ["EU"])) == false
	"carol is not a member of any approver group of the request (App Owners, Desktop Change Approvers)" in reasons(carol, req(factors, ["EU"]))
}

test_reviewer_must_hold_every_scope_tag if {
	bob := {"id": "bob", "groups": ["App Owners", "EU Admins"], "scope_tags": []}
	allowed(bob, req(factors, ["EU", "HR"])) == false
	"bob does not hold scope tag 'HR' of the request" in reasons(bob, req(factors, ["EU", "HR"]))
}

test_request_without_scope_tags_needs_none if {
	allowed({"id": "bob", "groups": ["App Owners"]}, req(factors, [])) == true
}

test_custom_review_deny_refuses if {
	bob := {"id": "bob", "groups": ["App Owners"], "scope_tags": ["EU"]}
	a := review.allowed with input as {"reviewer": bob, "request": req(factors, ["EU"])} with data.maa_config as cfg with data.maa.custom.review_deny as {"reviews are frozen"}
	a == false
}

test_request_without_factors_cannot_be_reviewed if {
	allowed({"id": "bob", "groups": ["App Owners"], "scope_tags": ["EU"]}, req([], ["EU"])) == false
}
