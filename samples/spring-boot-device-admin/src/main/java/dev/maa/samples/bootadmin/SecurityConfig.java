package dev.maa.samples.bootadmin;

import dev.maa.api.Directory;
import dev.maa.api.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Spring Security with users in memory, signed in with HTTP Basic (API clients) or the sign-in form (browsers). The users and their groups are MAA's users file
 * ({@code maa.directory.users-file}), read once as the {@link Directory} bean, so sign-in and reviews name the same
 * people; the sample password ({@code sample.password}) is for a local run only. The approval API under
 * {@code /maa} and the console at {@code /maa/console/} are guarded like every other path: the approver signs in to
 * this application as usual.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                // API clients: Basic credentials on every request, no session
                .httpBasic(Customizer.withDefaults())
                // browsers (the console at /maa/console/): the sign-in form and a session cookie, so every change
                // they send carries Spring Security's CSRF token (the console sends it back as a header)
                .formLogin(Customizer.withDefaults())
                // a request that carries its own credentials cannot be forged by another site's page: browsers
                // are sent to the form, never asked for Basic credentials they would then add by themselves
                .csrf(c -> c.ignoringRequestMatchers(new RequestHeaderRequestMatcher(HttpHeaders.AUTHORIZATION)))
                .build();
    }

    @Bean
    UserDetailsService users(Directory directory, @Value("${sample.password}") String password) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String hash = encoder.encode(password);
        List<UserDetails> users = new ArrayList<>();
        for (String id : List.of("alice", "bob", "carol", "dave", "erin")) {
            Principal p = directory.find(id).orElseThrow();
            users.add(User.withUsername(p.id())
                    .password(hash)
                    .authorities(p.groups().stream().map(g -> "GROUP_" + g).toArray(String[]::new))
                    .build());
        }
        return new InMemoryUserDetailsManager(users);
    }
}
