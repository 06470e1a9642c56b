/**
 * The MAA test kit: {@link dev.maa.test.MaaTestKit} (an engine on an in-memory store and a fixed clock, with fluent
 * assertions) and {@link dev.maa.test.MaaExtension} for JUnit 5.
 */
package dev.maa.test;
