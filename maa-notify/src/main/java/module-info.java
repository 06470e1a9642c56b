/**
 * MAA notifications: signed webhooks and e-mail, queued and retried. Exports only {@code dev.maa.notify};
 * {@code dev.maa.notify.internal} is opened to Jackson for configuration binding, not exported.
 */
module dev.maa.notify {
    requires transitive dev.maa.api;
    requires dev.maa.core;
    requires transitive micrometer.core;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires jakarta.mail;
    requires transitive java.net.http;
    requires org.slf4j;

    exports dev.maa.notify;

    opens dev.maa.notify to
            com.fasterxml.jackson.databind;
    opens dev.maa.notify.internal to
            com.fasterxml.jackson.databind;
}
