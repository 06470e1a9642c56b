/** Implementation of maa-core. Not an API: anything here may change without notice. */
package dev.maa.core.internal;
