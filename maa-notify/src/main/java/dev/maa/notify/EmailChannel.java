package dev.maa.notify;

import dev.maa.api.Notification;
import dev.maa.notify.internal.Rendering;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each notification as one plain-text e-mail over SMTP (Jakarta Mail) to its recipients' addresses, found by
 * an {@link AddressResolver}. Core already chose the recipients: approver group members for SUBMITTED and
 * EMERGENCY, the requester for everything else.
 *
 * <p>Recipients without an address are skipped with a WARN; if none has one the notification fails without retry.
 * Connection failures and timeouts are retried; rejected credentials and refused addresses are not.
 * Messages carry {@code Auto-Submitted: auto-generated} (RFC 3834) so auto-responders stay quiet.
 */
public final class EmailChannel implements Channel {

    private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);

    private final String name;
    private final String host;
    private final int port;
    private final InternetAddress from;
    private final String username;
    private final String password;
    private final AddressResolver addresses;
    private final Rendering rendering;
    private final Clock clock;
    private final Session session;

    private EmailChannel(Builder b) {
        this.name = b.name;
        this.host = b.host;
        this.port = b.port;
        this.from = b.from;
        this.username = b.username;
        this.password = b.password;
        this.addresses = b.addresses;
        this.rendering = new Rendering(b.linkTemplate);
        this.clock = b.clock;
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        String ms = Long.toString(b.timeout.toMillis());
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        // STARTTLS when configured is required, never opportunistic: a downgrade must not leak the password
        p.put("mail.smtp.starttls.enable", Boolean.toString(b.starttls));
        p.put("mail.smtp.starttls.required", Boolean.toString(b.starttls));
        p.put("mail.smtp.auth", Boolean.toString(username != null));
        this.session = Session.getInstance(p);
        if (username != null && !b.starttls && !"localhost".equals(host) && !host.startsWith("127.")) {
            LOG.warn(
                    "E-mail channel {} logs in to {}:{} without STARTTLS; the password travels in clear text."
                            + " Set notifications.email.starttls: true",
                    name,
                    host,
                    port);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Delivery delivery) {
        Notification n = delivery.notification();
        List<InternetAddress> to = resolve(n, delivery.attempt() == 1);
        if (to.isEmpty()) {
            throw DeliveryException.permanentFailure(
                    name,
                    "no e-mail address for any recipient " + new TreeSet<>(n.recipients())
                            + "; set notifications.email.address_template or addresses",
                    null);
        }
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            m.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
            m.setSubject(rendering.subject(n), "UTF-8");
            m.setText(rendering.body(n), "UTF-8");
            m.setSentDate(Date.from(clock.instant()));
            m.setHeader("Auto-Submitted", "auto-generated");
            m.setHeader("X-MAA-Request-Id", n.request().id());
            m.setHeader("X-MAA-Event", n.kind().name());
            m.setHeader("X-MAA-Delivery", delivery.id());
            m.saveChanges();
            try (Transport t = session.getTransport("smtp")) {
                t.connect(host, port, username, password);
                t.sendMessage(m, m.getAllRecipients());
            }
        } catch (AuthenticationFailedException e) {
            throw DeliveryException.permanentFailure(
                    name,
                    "SMTP server " + host + ":" + port + " rejected the login" + " of '" + username
                            + "'; check notifications.email.username and password_env",
                    e);
        } catch (SendFailedException e) {
            throw DeliveryException.permanentFailure(
                    name,
                    "SMTP server " + host + ":" + port + " refused the message or its addresses: " + e.getMessage(),
                    e);
        } catch (MessagingException e) {
            throw DeliveryException.transientFailure(
                    name, "sending via SMTP " + host + ":" + port + " failed: " + e, e);
        }
    }

    private List<InternetAddress> resolve(Notification n, boolean logMissing) {
        List<InternetAddress> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : new TreeSet<>(n.recipients())) {
            Optional<String> a = addresses.address(id);
            if (a.isEmpty()) {
                missing.add(id);
                continue;
            }
            try {
                out.add(new InternetAddress(a.get(), true));
            } catch (AddressException e) {
                missing.add(id);
            }
        }
        if (logMissing && !missing.isEmpty()) {
            LOG.warn(
                    "No e-mail address for {} of {} notification for request {} on channel {}; they are skipped",
                    missing,
                    n.kind(),
                    n.request().id(),
                    name);
        }
        return out;
    }

    @Override
    public String toString() {
        return "EmailChannel[" + name + ", smtp " + host + ":" + port + ", from " + from + "]";
    }

    /** Configures an SMTP channel; every setter validates at once. */
    public static final class Builder extends ChannelBuilder<Builder> {
        private String host;
        private int port = 25;
        private InternetAddress from;
        private boolean starttls;
        private String username;
        private String password;
        private AddressResolver addresses;

        private Builder() {
            super("email", Duration.ofSeconds(30), false);
        }

        /** Required: SMTP server host. */
        public Builder host(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("smtp_host must not be blank");
            }
            host = value.trim();
            return this;
        }

        /** Default 25; 587 is the usual submission port with STARTTLS. */
        public Builder port(int value) {
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException("smtp_port must be 1..65535, was " + value);
            }
            port = value;
            return this;
        }

        /** Required: the sender address. */
        public Builder from(String value) {
            try {
                from = new InternetAddress(Objects.requireNonNull(value, "from"), true);
            } catch (AddressException e) {
                throw new IllegalArgumentException("from '" + value + "' is not a valid e-mail address", e);
            }
            return this;
        }

        /** Upgrade the connection with STARTTLS and refuse servers that do not offer it; default off. */
        public Builder starttls(boolean value) {
            starttls = value;
            return this;
        }

        /** SMTP login; both or neither. */
        public Builder credentials(String user, String pass) {
            if (user == null || user.isBlank() || pass == null) {
                throw new IllegalArgumentException("SMTP credentials need a username and a password");
            }
            username = user;
            password = pass;
            return this;
        }

        /** Required: how principal ids become addresses, e.g. {@link AddressResolver#standard}. */
        public Builder addresses(AddressResolver value) {
            addresses = Objects.requireNonNull(value, "addresses");
            return this;
        }

        public EmailChannel build() {
            if (host == null || from == null || addresses == null) {
                throw new IllegalStateException(
                        "EmailChannel.builder(): host(...), from(...) and addresses(...) are" + " required");
            }
            return new EmailChannel(this);
        }
    }
}
