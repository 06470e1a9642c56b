/**
 * A small endpoint-management service (apps, scripts, devices, roles) whose changes are
 * {@link dev.maa.api.Protected}. It uses only the public API; the demo and the end-to-end tests run it.
 */
package dev.maa.samples.deviceadmin;
