/** What verifying passkey-signed approvals in the host adds to completion (issue 17). */
package dev.maa.benchmarks.signing;
