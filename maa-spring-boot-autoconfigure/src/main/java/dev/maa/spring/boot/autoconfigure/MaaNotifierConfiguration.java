package dev.maa.spring.boot.autoconfigure;

import dev.maa.api.Notifier;
import dev.maa.notify.CompositeNotifier;
import dev.maa.notify.NotificationsConfig;
import dev.maa.notify.Notifiers;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Webhook and e-mail notifications from the {@code notifications:} section of the YAML file named by
 * {@code maa.notifications.config}: the same section, reader and channels as {@code maa serve}'s {@code maa.yaml}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.maa.notify.Notifiers")
@ConditionalOnProperty(prefix = "maa.notifications", name = "config")
class MaaNotifierConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Notifier.class)
    CompositeNotifier maaNotifier(MaaProperties properties, ObjectProvider<MeterRegistry> meters) {
        String file = properties.getNotifications().getConfig();
        if (!Files.isRegularFile(Path.of(file))) {
            throw new InvalidMaaPropertyException(
                    "maa.notifications.config",
                    file,
                    "is not a file",
                    "name a YAML file with a notifications: section (webhooks, email), as in maa.yaml");
        }
        return Notifiers.fromConfig(NotificationsConfig.fromYaml(Path.of(file)), meters.getIfAvailable());
    }
}
