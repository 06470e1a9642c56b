/**
 * Spring Boot auto-configuration of MAA: the {@code maa.*} properties ({@link
 * dev.maa.spring.boot.autoconfigure.MaaProperties}), the engine and its replaceable parts, the AOP advisor for
 * {@code @Protected} beans and the principal from Spring Security. Applications add {@code maa-spring-boot-starter}
 * and use these types only to replace or configure a part.
 */
package dev.maa.spring.boot.autoconfigure;
