# Built-in review check: data.maa.review.allowed.
#
# Input: {"reviewer": {"id", "groups", "scope_tags"?}, "request": {"id", "requester", "resource",
# "action", "factors", "scope_tags", "emergency", "urgent"}}. A reviewer may review a request when
# they did not make it, belong to an approver group of one of its factors, and hold every scope
# tag of the request (explicitly in reviewer.scope_tags, or through a group listed for the tag in
# data.maa_config.scope_tag_groups). Custom rules can refuse more via data.maa.custom.review_deny.
package maa.review

import rego.v1

default allowed := false

allowed if count(denials) == 0

denials contains "the requester cannot review their own request" if {
	input.reviewer.id == input.request.requester
}

denials contains reason if {
	not in_an_approver_group
	reason := sprintf("%s is not a member of any approver group of the request (%s)", [input.reviewer.id, concat(", ", approver_groups)])
}

denials contains reason if {
	some tag in input.request.scope_tags
	not holds_tag(tag)
	reason := sprintf("%s does not hold scope tag '%s' of the request", [input.reviewer.id, tag])
}

denials contains reason if {
	some reason in data.maa.custom.review_deny
}

approver_groups contains g if {
	some f in input.request.factors
	some g in f.approver_groups
}

in_an_approver_group if {
	some g in approver_groups
	g in input.reviewer.groups
}

holds_tag(tag) if tag in input.reviewer.scope_tags

holds_tag(tag) if {
	some g in data.maa_config.scope_tag_groups[tag]
	g in input.reviewer.groups
}

# the reasons, sorted, for messages ("why can't I approve this?")
reasons := denials
