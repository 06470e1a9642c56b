/**
 * The configuration kit: one duration grammar ({@link dev.maa.api.Durations}, in maa-api so named modules such as maa-notify read it), one section reader with
 * one error format ({@link dev.maa.core.config.ConfigSection}) and one MAA home with its demo users
 * ({@link dev.maa.core.config.MaaHome}). Every module reads its own section of {@code maa.yaml} with these, so
 * a value an operator writes means the same thing, and is refused with the same words, in every section.
 */
package dev.maa.core.config;
