/** Argument types of the test fixtures; tests allow this package in the codec. */
package dev.maa.core.testing.model;
