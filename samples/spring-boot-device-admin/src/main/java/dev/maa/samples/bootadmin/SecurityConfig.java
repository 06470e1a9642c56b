package dev.maa.samples.bootadmin;

import dev.maa.api.Directory;
import dev.maa.api.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security with users in memory, signed in with HTTP Basic. The users and their groups are MAA's users file
 * ({@code maa.directory.users-file}), read once as the {@link Directory} bean, so sign-in and reviews name the same
 * people; the sample password ({@code sample.password}) is for a local run only. The approval API under
 * {@code /maa} is guarded like every other path: the approver signs in to this application as usual.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // a stateless JSON API with Basic credentials on every request: no session, so no CSRF token
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
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
