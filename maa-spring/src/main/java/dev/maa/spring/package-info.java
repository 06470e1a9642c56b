/** Spring integration: replay approved calls on Spring beans ({@link dev.maa.spring.SpringTargetResolver}). */
package dev.maa.spring;
