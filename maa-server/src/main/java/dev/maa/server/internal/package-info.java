/** Implementation of the MAA server: routes, authentication, JSON shapes, metrics. Unstable; do not use directly. */
package dev.maa.server.internal;
