/** SCIM 2.0 provisioning endpoints ({@code /scim/v2}); internal, unstable. */
package dev.maa.server.internal.scim;
