# Custom rule: wipes of more than 50 devices need 2 approvals.
#
# The built-in package maa merges data.maa.custom.factors (extra approval factors, all of which
# must be met) and data.maa.custom.deny (deny reasons) into data.maa.decision.
# The device count comes from input.attributes.device_count, when the caller provides it.
package maa.custom

import rego.v1

bulk_wipe_threshold := 50

factors contains factor if {
	input.resource.type == "DEVICE_ACTION"
	input.action == "WIPE"
	input.attributes.device_count > bulk_wipe_threshold
	factor := {
		"policy": "Bulk wipe (more than 50 devices)",
		"approver_groups": ["Device Managers", "Security Team"],
		"required_approvals": 2,
	}
}

# A wipe of more than 1000 devices is never a single change request.
deny contains reason if {
	input.resource.type == "DEVICE_ACTION"
	input.action == "WIPE"
	input.attributes.device_count > 1000
	reason := sprintf("Wiping %d devices at once is not allowed; split the change into batches of at most 1000", [input.attributes.device_count])
}
