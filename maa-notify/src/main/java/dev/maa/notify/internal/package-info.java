/** Implementation of maa-notify (meters, rendering, YAML helpers); unstable, not for use outside the module. */
package dev.maa.notify.internal;
