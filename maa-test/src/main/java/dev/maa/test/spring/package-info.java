/** {@link dev.maa.test.spring.MaaTest}: the test kit in Spring Boot tests. */
package dev.maa.test.spring;
