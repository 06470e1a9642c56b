/** MAA in Spring Boot Actuator: health, meters and the {@code maa} endpoint. */
package dev.maa.spring.boot.autoconfigure.actuate;
