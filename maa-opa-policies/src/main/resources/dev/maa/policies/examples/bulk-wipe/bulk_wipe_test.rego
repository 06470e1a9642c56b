package maa.custom_test

import rego.v1

import data.maa

wipe(n) := {
	"principal": {"id": "alice", "groups": ["Helpdesk"], "roles": []},
	"resource": {"type": "DEVICE_ACTION", "id": "fleet-eu", "platform": "windows", "scope_tags": []},
	"action": "WIPE",
	"operation": {"class": "com.example.Fleet", "method": "wipeAll", "digest": ""},
	"justification": "INC-9 stolen laptops",
	"emergency": false,
	"urgent": false,
	"time": "2026-01-01T00:00:00Z",
	"attributes": {"device_count": n},
}

has_factor(d, name) if {
	some f in d.factors
	f.policy == name
}

test_small_wipe_needs_one_device_manager if {
	d := maa.decision with input as wipe(3)
	d.effect == "require_approval"
	count(d.factors) == 1
	has_factor(d, "Device wipe")
}

test_wipe_of_exactly_50_is_not_bulk if {
	d := maa.decision with input as wipe(50)
	count(d.factors) == 1
	has_factor(d, "Device wipe")
}

test_wipe_of_more_than_50_needs_two_more_approvals if {
	d := maa.decision with input as wipe(51)
	d.effect == "require_approval"
	count(d.factors) == 2
	has_factor(d, "Device wipe")
	has_factor(d, "Bulk wipe (more than 50 devices)")
	some f in d.factors
	f.policy == "Bulk wipe (more than 50 devices)"
	f.required_approvals == 2
}

test_wipe_of_more_than_1000_is_denied if {
	d := maa.decision with input as wipe(1001)
	d.effect == "deny"
	"Wiping 1001 devices at once is not allowed; split the change into batches of at most 1000" in d.reasons
}

test_wipe_without_a_count_is_an_ordinary_wipe if {
	call := {
		"principal": {"id": "alice", "groups": [], "roles": []},
		"resource": {"type": "DEVICE_ACTION", "id": "d-1", "platform": "windows", "scope_tags": []},
		"action": "WIPE", "operation": {"class": "c", "method": "m", "digest": ""},
		"justification": "x", "emergency": false, "urgent": false, "time": "2026-01-01T00:00:00Z",
	}
	d := maa.decision with input as call
	count(d.factors) == 1
	has_factor(d, "Device wipe")
}
