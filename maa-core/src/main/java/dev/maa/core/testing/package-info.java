/**
 * Support for tests of code that runs MAA: {@link dev.maa.core.testing.TestClock}, the one clock tests move by hand
 * (maa-core's own tests and the test kit, maa-test, share it).
 */
package dev.maa.core.testing;
